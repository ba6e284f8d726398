/** Where a NATS-only service serves `/metrics`, `/healthz` and `/readyz`. */
export interface OpsServerConfig {
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
}

/**
 * Distinct defaults, so that the services `npm start` runs on one machine do not collide; the
 * gateway serves its ops routes on its HTTP port. Launchers of several stacks pass 0.
 */
export const DEFAULT_OPS_PORTS: Readonly<Record<string, number>> = {
  'profile-service': 9101,
  'snapshot-orchestrator': 9102,
  'builder-agent': 9103,
  'sandbox-launcher': 9104,
  scheduler: 9105,
};

export function opsServerConfigFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): OpsServerConfig {
  const raw = env['SNAPFORGE_OPS_PORT'];
  const port = raw === undefined || raw === '' ? DEFAULT_OPS_PORTS[service] : Number(raw);
  if (port === undefined) throw new Error(`no default ops port for ${service}: set SNAPFORGE_OPS_PORT`);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`SNAPFORGE_OPS_PORT must be a TCP port number (0 = any free port), got '${raw}'`);
  }
  return { host: env['SNAPFORGE_OPS_HOST'] || '127.0.0.1', port };
}

import { hostname } from 'node:os';

export const LAUNCHER_CONFIG = Symbol('LAUNCHER_CONFIG');

export interface LauncherConfig {
  /** One launcher per Docker host; the id names the host in placement and on NATS subjects. */
  hostId: string;
  capacity: number;
  dataplanePort: number;
  /** Where the data plane listens (SNAPFORGE_DATAPLANE_BIND, loopback by default). */
  dataplaneBindHost: string;
  /** Base URL clients reach the data plane at; each sandbox's dataplane_url is below it. */
  dataplaneBaseUrl: string;
}

export function launcherConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LauncherConfig {
  const dataplanePort = integer(env, 'SNAPFORGE_DATAPLANE_PORT', 8081);
  const host = env.SNAPFORGE_DATAPLANE_HOST ?? '127.0.0.1';
  const hostId = env.SNAPFORGE_HOST_ID ?? hostname();
  if (!/^[A-Za-z0-9_-]+$/.test(hostId)) throw new Error(`SNAPFORGE_HOST_ID may only hold letters, digits, '_' and '-': '${hostId}'`);
  return {
    hostId,
    capacity: integer(env, 'SNAPFORGE_LAUNCHER_CAPACITY', 50),
    dataplanePort,
    dataplaneBindHost: env.SNAPFORGE_DATAPLANE_BIND ?? '127.0.0.1',
    dataplaneBaseUrl: env.SNAPFORGE_DATAPLANE_URL ?? `http://${host}:${dataplanePort}`,
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got '${value}'`);
  return parsed;
}

export interface GatewayConfig {
  host: string;
  port: number;
}

export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const port = Number(env.SNAPFORGE_HTTP_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`SNAPFORGE_HTTP_PORT must be a TCP port number, got '${env.SNAPFORGE_HTTP_PORT}'`);
  }
  return { host: env.SNAPFORGE_HTTP_HOST ?? '127.0.0.1', port };
}

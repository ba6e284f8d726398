import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { metricsResponse, readinessResponse, type OpsResponse } from './ops-routes.js';
import type { OpsServerConfig } from './ops-server-config.js';
import { ReadinessChecks } from './readiness-checks.js';
import { ServiceMetrics } from './service-metrics.js';

/**
 * The ops endpoints of a service: `/metrics`, `/healthz` (the process answers) and `/readyz`. A
 * NATS-only service serves them on a small HTTP server of its own (`listen`); the gateway serves
 * them on its HTTP port and only records where (`adopt`). `url` is what health replies announce.
 */
@Injectable()
export class OpsServer implements OnApplicationShutdown {
  private server?: Server;
  private address?: string;

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly readiness: ReadinessChecks,
  ) {}

  get url(): string | undefined {
    return this.address;
  }

  async listen(config: OpsServerConfig): Promise<string> {
    const server = createServer((request, response) => {
      void this.route(request.method ?? 'GET', (request.url ?? '/').split('?')[0] as string).then(
        ({ status, contentType, body }) => response.writeHead(status, { 'content-type': contentType }).end(body),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error)),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new Error(`the ops server cannot listen on ${config.host}:${config.port} (${error.message}); set SNAPFORGE_OPS_PORT (0 = any free port) or SNAPFORGE_OPS_HOST`)),
      );
      server.listen(config.port, config.host, () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    return this.address;
  }

  adopt(url: string): void {
    this.address = url;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async route(method: string, path: string): Promise<OpsResponse> {
    if (method !== 'GET' && method !== 'HEAD') return json(405, { error: 'method_not_allowed', message: 'only GET' });
    if (path === '/metrics') return metricsResponse(this.metrics);
    if (path === '/readyz') return readinessResponse(this.readiness);
    if (path === '/healthz') return json(200, { status: 'ok' });
    return json(404, { error: 'not_found', message: `no ${path} here: /metrics, /healthz, /readyz` });
  }
}

function json(status: number, body: object): OpsResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

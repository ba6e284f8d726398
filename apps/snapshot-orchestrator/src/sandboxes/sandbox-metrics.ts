import { Injectable } from '@nestjs/common';
import { registerCountGauge, ServiceMetrics } from '@snapforge/observability';
import { SandboxProjection } from './sandbox-projection.service.js';

/** `snapforge_sandboxes{status}`: sandboxes of all workspaces by status, from the read model at scrape time. */
@Injectable()
export class SandboxMetrics {
  constructor(metrics: ServiceMetrics, projection: SandboxProjection) {
    registerCountGauge(metrics, {
      name: 'snapforge_sandboxes',
      help: 'Sandboxes of all workspaces, by status.',
      labelNames: ['status'],
      counts: () => [...projection.model.countByStatus()].map(([status, value]) => ({ labels: { status }, value })),
    });
  }
}

import { Injectable } from '@nestjs/common';
import { registerCountGauge, ServiceMetrics } from '@snapforge/observability';
import { SnapshotProjection } from './snapshot-projection.service.js';

/** `snapforge_snapshots{status}`: snapshots of all workspaces by status, from the read model at scrape time. */
@Injectable()
export class SnapshotMetrics {
  constructor(metrics: ServiceMetrics, projection: SnapshotProjection) {
    registerCountGauge(metrics, {
      name: 'snapforge_snapshots',
      help: 'Snapshots of all workspaces, by status.',
      labelNames: ['status'],
      counts: () => [...projection.model.countByStatus()].map(([status, value]) => ({ labels: { status }, value })),
    });
  }
}

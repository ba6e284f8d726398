import { Injectable } from '@nestjs/common';
import { registerCountGauge, ServiceMetrics } from '@snapforge/observability';
import { ProfileProjection } from './profile-projection.service.js';

/** `snapforge_snapshot_jobs{state,trigger}`: profile versions' snapshot jobs, from the read model at scrape time. */
@Injectable()
export class ProfileJobMetrics {
  constructor(metrics: ServiceMetrics, projection: ProfileProjection) {
    registerCountGauge(metrics, {
      name: 'snapforge_snapshot_jobs',
      help: "Profile versions' snapshot jobs of all workspaces, by state (queued, running, succeeded, failed) and trigger.",
      labelNames: ['state', 'trigger'],
      counts: () => projection.model.jobCounts().map(({ status, trigger, count }) => ({ labels: { state: status, trigger }, value: count })),
    });
  }
}

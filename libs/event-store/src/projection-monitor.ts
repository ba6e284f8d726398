import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Gauge } from 'prom-client';
import { ReadinessChecks, ServiceMetrics } from '@snapforge/observability';
import type { EventStore } from './event-store.port.js';
import { EVENT_STORE } from './event-store.tokens.js';
import type { ProjectionProgress } from './live-projection.js';
import { ReadModelProjection } from './read-model-projection.js';

/**
 * Reports the service's read-model projections: lag gauges computed at scrape time and a readiness
 * check that passes once every projection has caught up. The projections are found among the
 * service's providers when asked, so a service needs nothing but EventStoreModule for this.
 */
@Injectable()
export class ProjectionMonitor {
  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    metrics: ServiceMetrics,
    readiness: ReadinessChecks,
  ) {
    const lagEvents: Gauge<'projection'> = new Gauge({
      name: 'snapforge_projection_lag_events',
      help: "Events stored but not yet applied, per projection: the head position's commit minus the applied one (KurrentDB: log bytes).",
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      collect: () => this.collectLag(lagEvents, async (progress, headCommit) => Math.max(0, headCommit - (progress.position?.commit ?? 0))),
    });
    const lagSeconds: Gauge<'projection'> = new Gauge({
      name: 'snapforge_projection_lag_seconds',
      help: 'Age of the oldest event a projection has not applied yet; 0 when it is caught up.',
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      collect: () => this.collectLag(lagSeconds, (progress, headCommit) => this.ageOfOldestUnapplied(progress, headCommit)),
    });
    readiness.add('projections', () => {
      const behind = this.projections().filter((progress) => !progress.caughtUp);
      if (behind.length > 0) throw new Error(`not caught up yet: ${behind.map((progress) => progress.name).join(', ')}`);
    });
  }

  projections(): ProjectionProgress[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is ReadModelProjection<unknown, { apply(event: unknown): void }> => instance instanceof ReadModelProjection)
      .map((projection) => projection.progress);
  }

  private async collectLag(gauge: Gauge<'projection'>, lag: (progress: ProjectionProgress, headCommit: number) => Promise<number>): Promise<void> {
    const head = await this.store.headPosition();
    gauge.reset();
    for (const progress of this.projections()) gauge.set({ projection: progress.name }, head === undefined ? 0 : await lag(progress, head.commit));
  }

  private async ageOfOldestUnapplied(progress: ProjectionProgress, headCommit: number): Promise<number> {
    if (progress.position !== undefined && progress.position.commit >= headCommit) return 0;
    for await (const oldest of this.store.readAll(progress.position ? { after: progress.position } : {})) {
      return Math.max(0, (Date.now() - oldest.recordedAt.getTime()) / 1000);
    }
    return 0;
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUILD_OUTPUT, buildOutputSubject, type BuildJob } from '@snapforge/contracts';
import { NATS_CONNECTION, OutputWriter, watchExhaustedJobs } from '@snapforge/messaging';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../orchestrator-config.js';
import { SnapshotProjection } from './snapshot-projection.service.js';
import { SnapshotsService } from './snapshots.service.js';

const SWEEP_INTERVAL_MS = 5_000;

/**
 * No snapshot stays `building` forever. A job whose agents kept dying (JetStream's max-deliveries
 * advisory) fails at once; and whatever else goes wrong (no agent running at all, an advisory
 * missed), a build still building past every attempt's time-out plus a grace period fails too.
 */
@Injectable()
export class BuildWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BuildWatchdog.name);
  private timer?: NodeJS.Timeout;
  private advisories?: { stop: () => void };

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly projection: SnapshotProjection,
    private readonly snapshots: SnapshotsService,
  ) {}

  onApplicationBootstrap(): void {
    this.advisories = watchExhaustedJobs<BuildJob>(this.nc, this.config.queue, (job, deliveries) =>
      this.fail(job.snapshotId, `the build was abandoned ${deliveries} times: each builder agent that took it stopped before finishing`),
    );
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.advisories?.stop();
  }

  private async sweep(): Promise<void> {
    const { queue, queueGraceSeconds } = this.config;
    for (const view of this.projection.model.building()) {
      const allowedSeconds = view.buildTimeoutSeconds * queue.maxDeliver + (queue.ackWaitMs / 1000) * queue.maxDeliver + queueGraceSeconds;
      if (Date.now() - Date.parse(view.createdAt) < allowedSeconds * 1000) continue;
      try {
        await this.fail(view.id, `no builder agent finished the build within ${allowedSeconds} s (is a builder agent running?)`);
      } catch (error) {
        this.logger.error(`could not fail the overdue build of ${view.id}`, error instanceof Error ? error.stack : String(error));
      }
    }
  }

  /** Fails the build and ends its output, so that anyone following it stops waiting. */
  private async fail(snapshotId: string, reason: string): Promise<void> {
    await this.snapshots.failBuild(snapshotId, reason);
    await new OutputWriter(this.nc, BUILD_OUTPUT, buildOutputSubject(snapshotId)).end(`Build failed: ${reason}`);
  }
}

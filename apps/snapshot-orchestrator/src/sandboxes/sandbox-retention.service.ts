import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SandboxProjection } from './sandbox-projection.service.js';
import { SandboxesService } from './sandboxes.service.js';

const SWEEP_INTERVAL_MS = 10_000;

/** Deletes sandboxes left stopped past their `delete_after_stop_seconds` (0 keeps them). */
@Injectable()
export class SandboxRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SandboxRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly projection: SandboxProjection,
    private readonly sandboxes: SandboxesService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    for (const view of this.projection.model.inStatus('stopped')) {
      if (view.deleteAfterStopSeconds === 0 || !view.stoppedAt) continue;
      if (Date.now() < Date.parse(view.stoppedAt) + view.deleteAfterStopSeconds * 1000) continue;
      try {
        await this.sandboxes.delete({ workspaceId: view.workspaceId, idOrName: view.id });
        this.logger.log(`deleted sandbox ${view.id}, stopped since ${view.stoppedAt}`);
      } catch (error) {
        this.logger.warn(`could not delete expired sandbox ${view.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

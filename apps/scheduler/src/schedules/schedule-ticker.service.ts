import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { dueSlot, snapshotJobRpc } from '@snapforge/contracts';
import type { RefreshScheduleView } from '@snapforge/domain';
import { RpcClient } from '@snapforge/messaging';
import { runWithCorrelationId } from '@snapforge/observability';
import { ProfileProjection } from './profile-projection.service.js';

const TICK_MS = Number(process.env.SNAPFORGE_SCHEDULER_TICK_MS ?? 1_000);

/**
 * Fires refresh schedules. Each tick asks, for every schedule, for the latest slot due since the
 * last one handled — missed slots collapse into one — and sends it to the orchestrator. Exactly once
 * is the version stream's job: a slot names its job, so a second replica (or a retry) firing the same
 * slot changes nothing, and a slot that finds a job running attaches to it. Each fired slot gets a
 * correlation id of its own, which its job carries through the orchestrator and the builder agent.
 */
@Injectable()
export class ScheduleTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduleTicker.name);
  private readonly firedHere = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly projection: ProfileProjection,
    private readonly rpc: RpcClient,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = new Date();
      for (const schedule of this.projection.model.schedules()) {
        const key = `${schedule.profileId}:${schedule.version}`;
        const handled = Math.max(Date.parse(schedule.lastSlot ?? schedule.setAt), this.firedHere.get(key) ?? 0);
        const slot = dueSlot(schedule.cron, schedule.timezone, new Date(handled), now);
        if (!slot) continue;
        await runWithCorrelationId(randomUUID(), () => this.fire(key, schedule, slot));
      }
    } finally {
      this.ticking = false;
    }
  }

  private async fire(key: string, schedule: RefreshScheduleView, slot: Date): Promise<void> {
    this.logger.log(`firing slot ${slot.toISOString()} of profile ${schedule.profileId} v${schedule.version}`);
    try {
      await this.rpc.request(snapshotJobRpc.refresh, {
        workspaceId: schedule.workspaceId,
        idOrName: schedule.profileId,
        version: schedule.version,
        trigger: 'scheduled_refresh',
        slot: slot.toISOString(),
      });
      this.firedHere.set(key, slot.getTime());
    } catch (error) {
      this.logger.warn(`slot ${slot.toISOString()} of profile ${schedule.profileId} v${schedule.version} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

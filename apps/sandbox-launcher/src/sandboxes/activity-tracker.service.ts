import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { sandboxRpc } from '@snapforge/contracts';
import { RpcClient } from '@snapforge/messaging';

interface Watched {
  workspaceId: string;
  idleTtlMs: number;
  lastActivity: number;
}

const CHECK_INTERVAL_MS = 5_000;

/**
 * Stops sandboxes nobody used for their idle TTL. Activity (data-plane requests, running commands)
 * is kept in memory only: after a launcher restart every sandbox counts as just used, which errs on
 * the side of keeping a sandbox up.
 */
@Injectable()
export class ActivityTracker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ActivityTracker.name);
  private readonly watched = new Map<string, Watched>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly rpc: RpcClient) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.stopIdle(), CHECK_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  watch(sandboxId: string, workspaceId: string, idleTtlSeconds: number): void {
    if (idleTtlSeconds <= 0) this.watched.delete(sandboxId);
    else this.watched.set(sandboxId, { workspaceId, idleTtlMs: idleTtlSeconds * 1000, lastActivity: Date.now() });
  }

  touch(sandboxId: string): void {
    const entry = this.watched.get(sandboxId);
    if (entry) entry.lastActivity = Date.now();
  }

  forget(sandboxId: string): void {
    this.watched.delete(sandboxId);
  }

  private async stopIdle(): Promise<void> {
    const now = Date.now();
    for (const [sandboxId, entry] of this.watched) {
      if (now - entry.lastActivity < entry.idleTtlMs) continue;
      this.watched.delete(sandboxId);
      try {
        await this.rpc.request(sandboxRpc.stop, { workspaceId: entry.workspaceId, idOrName: sandboxId, reason: 'idle' }, { timeoutMs: 60_000 });
        this.logger.log(`stopped sandbox ${sandboxId}: idle for ${entry.idleTtlMs / 1000} s`);
      } catch (error) {
        this.logger.warn(`could not stop idle sandbox ${sandboxId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

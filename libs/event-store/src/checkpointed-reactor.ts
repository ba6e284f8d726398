import { Logger } from '@nestjs/common';
import { runWithCorrelationId } from '@snapforge/observability';
import type { CheckpointStore } from './checkpoint-store.port.js';
import type { RecordedEvent } from './event-data.js';
import type { EventStore, EventSubscription } from './event-store.port.js';
import { formatPosition, type GlobalPosition } from './global-position.js';

const RETRY_START_MS = 200;
const RETRY_MAX_MS = 10_000;

/**
 * Reacts to events (dispatch a job, release a name) at least once: it resumes after the last
 * checkpoint, and an event whose reaction fails is retried with back-off, never skipped — so a crash
 * between "append" and "react" loses nothing. Reactions must therefore be idempotent.
 *
 * Checkpoints are written behind the reactions, never between two of them: the next event's reaction
 * does not wait for a write, and a crash repeats at most the reactions since the last write.
 */
export class CheckpointedReactor {
  private readonly logger: Logger;
  private subscription?: EventSubscription;
  private stopped = false;
  private unsaved?: GlobalPosition;
  private saving?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly name: string,
    private readonly react: (event: RecordedEvent) => Promise<void>,
  ) {
    this.logger = new Logger(`reactor:${name}`);
  }

  async start(): Promise<void> {
    const after = await this.checkpoints.load(this.name);
    this.logger.log(after ? `resuming after ${formatPosition(after)}` : 'starting from the first event');
    this.subscription = this.store.subscribeToAll(after ? { after } : {});
    void this.run(this.subscription);
  }

  /** Ends the subscription and finishes writing the checkpoint of the last reaction done. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.saving;
  }

  private async run(subscription: EventSubscription): Promise<void> {
    try {
      for await (const event of subscription) {
        await this.reactUntilDone(event);
        if (this.stopped) return;
        this.checkpoint(event.position);
      }
    } catch (error) {
      this.logger.error('the subscription ended with an error', error instanceof Error ? error.stack : String(error));
    }
  }

  /** Writes the newest position reacted to; one write at a time, later positions replacing waiting ones. */
  private checkpoint(position: GlobalPosition): void {
    this.unsaved = position;
    this.saving ??= this.saveUnsaved();
  }

  private async saveUnsaved(): Promise<void> {
    try {
      for (let position = this.unsaved; position; position = this.unsaved) {
        this.unsaved = undefined;
        await this.checkpoints.save(this.name, position);
      }
    } catch (error) {
      // The next reaction writes a later checkpoint; until then a restart repeats a few reactions.
      this.logger.warn(`could not save the checkpoint: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.saving = undefined;
    }
  }

  /** In the correlation context of the request that appended the event: its log lines and the jobs it queues carry that id. */
  private reactUntilDone(event: RecordedEvent): Promise<void> {
    return runWithCorrelationId(event.metadata?.['correlationId'], () => this.retryUntilDone(event));
  }

  private async retryUntilDone(event: RecordedEvent): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        return await this.react(event);
      } catch (error) {
        const delay = Math.min(RETRY_MAX_MS, RETRY_START_MS * 2 ** attempt);
        this.logger.warn(`${event.type} at ${formatPosition(event.position)} failed (${error instanceof Error ? error.message : String(error)}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

import { Logger } from '@nestjs/common';
import { runWithCorrelationId } from '@snapforge/observability';
import type { CheckpointStore } from './checkpoint-store.port.js';
import type { RecordedEvent } from './event-data.js';
import type { EventStore, EventSubscription } from './event-store.port.js';
import { formatPosition } from './global-position.js';

const RETRY_START_MS = 200;
const RETRY_MAX_MS = 10_000;

/**
 * Reacts to events (dispatch a job, release a name) at least once: it resumes after the last
 * checkpoint, and an event whose reaction fails is retried with back-off, never skipped — so a crash
 * between "append" and "react" loses nothing. Reactions must therefore be idempotent.
 */
export class CheckpointedReactor {
  private readonly logger: Logger;
  private subscription?: EventSubscription;
  private stopped = false;

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

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
  }

  private async run(subscription: EventSubscription): Promise<void> {
    try {
      for await (const event of subscription) {
        await this.reactUntilDone(event);
        if (this.stopped) return;
        await this.checkpoints.save(this.name, event.position);
      }
    } catch (error) {
      this.logger.error('the subscription ended with an error', error instanceof Error ? error.stack : String(error));
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

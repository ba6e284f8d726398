import { Logger } from '@nestjs/common';
import type { EventStore, EventSubscription } from './event-store.port.js';
import type { RecordedEvent } from './event-data.js';
import { comparePositions, formatPosition, type GlobalPosition } from './global-position.js';

/** How far a projection got: what `/metrics` (lag) and `/readyz` (caught up) report. */
export interface ProjectionProgress {
  readonly name: string;
  /** The last applied event's position; undefined before the first one. */
  readonly position?: GlobalPosition;
  /** When the last applied event was recorded. */
  readonly recordedAt?: Date;
  /** True once the replay at start reached the events stored when it began. */
  readonly caughtUp: boolean;
}

interface Waiter {
  position: GlobalPosition;
  resolve: () => void;
}

/**
 * An in-memory read model kept current from the event store: replayed from position zero at start
 * (so it is always exactly what the events say), then following live events. `waitFor` gives
 * read-your-writes: a command's reply can wait until the model has seen the command's events.
 */
export class LiveProjection {
  private readonly logger: Logger;
  private current?: GlobalPosition;
  private currentRecordedAt?: Date;
  private replayed = false;
  private subscription?: EventSubscription;
  private waiters: Waiter[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly name: string,
    private readonly apply: (event: RecordedEvent) => void,
  ) {
    this.logger = new Logger(`projection:${name}`);
  }

  /** Resolves once the model has caught up with every event stored when it started. */
  async start(): Promise<void> {
    let count = 0;
    for await (const event of this.store.readAll()) {
      this.applyOne(event);
      count++;
    }
    this.replayed = true;
    this.logger.log(`caught up: ${count} events${this.current ? ` up to ${formatPosition(this.current)}` : ''}`);
    this.subscription = this.store.subscribeToAll(this.current ? { after: this.current } : {});
    void this.follow(this.subscription);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  get position(): GlobalPosition | undefined {
    return this.current;
  }

  get progress(): ProjectionProgress {
    return { name: this.name, position: this.current, recordedAt: this.currentRecordedAt, caughtUp: this.replayed };
  }

  /** Resolves when the model has applied the event at `position` (or a later one). */
  async waitFor(position: GlobalPosition, timeoutMs = 10_000): Promise<void> {
    if (this.hasReached(position)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        reject(new Error(`projection ${this.name} did not reach ${formatPosition(position)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const entry: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(entry);
    });
  }

  private async follow(subscription: EventSubscription): Promise<void> {
    try {
      for await (const event of subscription) this.applyOne(event);
    } catch (error) {
      this.logger.error('the subscription ended with an error', error instanceof Error ? error.stack : String(error));
    }
  }

  private applyOne(event: RecordedEvent): void {
    try {
      this.apply(event);
    } catch (error) {
      // One event the model cannot take must not stop it from following the others.
      this.logger.error(`could not apply ${event.type} at ${formatPosition(event.position)}`, error instanceof Error ? error.stack : String(error));
    }
    this.current = event.position;
    this.currentRecordedAt = event.recordedAt;
    if (this.waiters.length === 0) return;
    const reached = this.waiters.filter((waiter) => this.hasReached(waiter.position));
    this.waiters = this.waiters.filter((waiter) => !reached.includes(waiter));
    for (const waiter of reached) waiter.resolve();
  }

  private hasReached(position: GlobalPosition): boolean {
    return this.current !== undefined && comparePositions(this.current, position) >= 0;
  }
}

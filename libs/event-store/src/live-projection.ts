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

/** How far a rebuild got; `head` is the newest position when it started, what it reads up to at least. */
export interface RebuildProgress {
  readonly processed: number;
  readonly position?: GlobalPosition;
  readonly head?: GlobalPosition;
  readonly elapsedMs: number;
}

/** The model as of a position, taken together: no event is applied in between. */
export interface ProjectedState<Model> {
  readonly position?: GlobalPosition;
  readonly model: Model;
}

const PROGRESS_INTERVAL_MS = 250;

/**
 * An in-memory read model kept current from the event store: replayed from position zero at start
 * (so it is always exactly what the events say), then following live events. `waitFor` gives
 * read-your-writes: a command's reply can wait until the model has seen the command's events.
 * `rebuild` replays into a fresh model while this one keeps answering, then swaps it in.
 */
export class LiveProjection<Model> {
  private readonly logger: Logger;
  private current?: GlobalPosition;
  private currentRecordedAt?: Date;
  private replayed = false;
  private subscription?: EventSubscription;
  private waiters: Waiter[] = [];
  private live: Model;
  private rebuilding?: Promise<RebuildProgress>;

  constructor(
    private readonly store: EventStore,
    private readonly name: string,
    private readonly create: () => Model,
    private readonly apply: (model: Model, event: RecordedEvent) => void,
  ) {
    this.logger = new Logger(`projection:${name}`);
    this.live = create();
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

  /** The model queries answer from; a rebuild replaces it as a whole. */
  get model(): Model {
    return this.live;
  }

  get isRebuilding(): boolean {
    return this.rebuilding !== undefined;
  }

  /** Synchronous, so that the position and the model belong together. */
  state(): ProjectedState<Model> {
    return { ...(this.current ? { position: this.current } : {}), model: this.live };
  }

  /**
   * Replays every event from position zero into a fresh model in the background, catches up with
   * the position the live model has reached meanwhile, then swaps the fresh model in between two
   * events: until then queries answer from the old, complete model, never from a half-built one.
   * Refused while a rebuild of this projection runs.
   */
  rebuild(onProgress: (progress: RebuildProgress) => void = () => undefined): Promise<RebuildProgress> {
    if (this.rebuilding) return Promise.reject(new Error(`projection ${this.name} is already rebuilding`));
    const rebuilding = this.replayAndSwap(onProgress).finally(() => {
      this.rebuilding = undefined;
    });
    this.rebuilding = rebuilding;
    return rebuilding;
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

  private async replayAndSwap(onProgress: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const startedAt = Date.now();
    const head = await this.store.headPosition();
    const fresh = this.create();
    let position: GlobalPosition | undefined;
    let recordedAt: Date | undefined;
    let processed = 0;
    let reportedAt = startedAt;
    const progress = (): RebuildProgress => ({
      processed,
      ...(position ? { position } : {}),
      ...(head ? { head } : {}),
      elapsedMs: Date.now() - startedAt,
    });
    const replay = async () => {
      for await (const event of this.store.readAll(position ? { after: position } : {})) {
        this.applySafely(fresh, event);
        ({ position, recordedAt } = event);
        processed++;
        if (Date.now() - reportedAt >= PROGRESS_INTERVAL_MS) {
          reportedAt = Date.now();
          onProgress(progress());
        }
      }
    };
    this.logger.log(`rebuilding from position zero${head ? ` up to ${formatPosition(head)} at least` : ''}`);
    onProgress(progress());
    await replay();
    // The live model went on following while the fresh one replayed: read on until the fresh one
    // has seen everything the live one has.
    while (this.current && (!position || comparePositions(this.current, position) > 0)) {
      const before = processed;
      await replay();
      if (processed === before) {
        // The old model stays: better than spinning on a store that cannot read what it delivered.
        throw new Error(`the store reads nothing after ${position ? formatPosition(position) : 'the start'}, yet the live model is at ${formatPosition(this.current)}`);
      }
    }
    // No await between the check above and the swap: no event can be applied in between.
    this.live = fresh;
    // The fresh model may have read past the live one: the subscription skips what it has seen.
    if (position && recordedAt) this.advanceTo({ position, recordedAt });
    const done = progress();
    this.logger.log(`rebuilt from ${processed} events in ${done.elapsedMs} ms and swapped in`);
    return done;
  }

  private async follow(subscription: EventSubscription): Promise<void> {
    try {
      for await (const event of subscription) {
        if (this.hasReached(event.position)) continue;
        this.applyOne(event);
      }
    } catch (error) {
      this.logger.error('the subscription ended with an error', error instanceof Error ? error.stack : String(error));
    }
  }

  private applyOne(event: RecordedEvent): void {
    this.applySafely(this.live, event);
    this.advanceTo(event);
  }

  private applySafely(model: Model, event: RecordedEvent): void {
    try {
      this.apply(model, event);
    } catch (error) {
      // One event the model cannot take must not stop it from following the others.
      this.logger.error(`could not apply ${event.type} at ${formatPosition(event.position)}`, error instanceof Error ? error.stack : String(error));
    }
  }

  private advanceTo({ position, recordedAt }: Pick<RecordedEvent, 'position' | 'recordedAt'>): void {
    if (this.hasReached(position)) return;
    this.current = position;
    this.currentRecordedAt = recordedAt;
    if (this.waiters.length === 0) return;
    const reached = this.waiters.filter((waiter) => this.hasReached(waiter.position));
    this.waiters = this.waiters.filter((waiter) => !reached.includes(waiter));
    for (const waiter of reached) waiter.resolve();
  }

  private hasReached(position: GlobalPosition): boolean {
    return this.current !== undefined && comparePositions(this.current, position) >= 0;
  }
}

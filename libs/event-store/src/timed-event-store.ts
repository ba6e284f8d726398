import type { Histogram } from 'prom-client';
import type { EventData, RecordedEvent } from './event-data.js';
import type { AppendOptions, AppendResult, EventStore, EventSubscription, ReadAllOptions, ReadStreamOptions } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
import { WrongExpectedVersionError } from './wrong-expected-version.error.js';

/**
 * An event store that times every append into a histogram, labelled by outcome (`ok`, `conflict`
 * for a wrong expected version, `error`), and otherwise passes everything through to `inner`.
 */
export class TimedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly appendSeconds: Histogram<'outcome'>,
  ) {}

  async append(streamName: string, events: readonly EventData[], options: AppendOptions): Promise<AppendResult> {
    const stop = this.appendSeconds.startTimer();
    try {
      const result = await this.inner.append(streamName, events, options);
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: error instanceof WrongExpectedVersionError ? 'conflict' : 'error' });
      throw error;
    }
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamName, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }

  headPosition(): Promise<GlobalPosition | undefined> {
    return this.inner.headPosition();
  }

  subscribeToAll(options?: ReadAllOptions): EventSubscription {
    return this.inner.subscribeToAll(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

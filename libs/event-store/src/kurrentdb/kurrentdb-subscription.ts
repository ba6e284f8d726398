import type { AllStreamRecordedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../event-data.js';
import type { EventSubscription } from '../event-store.port.js';

export class KurrentDbSubscription implements EventSubscription {
  private closed = false;
  private iterated = false;

  constructor(
    private readonly subscription: AllStreamSubscription,
    /** Undefined for an event to skip. */
    private readonly convert: (event: AllStreamRecordedEvent) => RecordedEvent | undefined,
    private readonly onClose: () => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    if (this.iterated) throw new Error('an event subscription can be iterated only once');
    this.iterated = true;
    if (this.closed) return;
    try {
      for await (const resolved of this.subscription) {
        if (this.closed) return;
        const event = resolved.event && this.convert(resolved.event);
        if (event) yield event;
      }
      if (!this.closed) throw new Error('event subscription ended without being closed (KurrentDB connection lost?)');
    } catch (error) {
      // Closing destroys the underlying stream, which may surface as a premature-close error.
      if (!this.closed) throw error;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    await this.subscription.unsubscribe();
    // Cancelling the gRPC call does not always end the readable; destroying it ends any pending iteration.
    this.subscription.destroy();
  }
}

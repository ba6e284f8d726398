import type { JsMsg } from '@nats-io/jetstream';
import type { RecordedEvent } from '../event-data.js';
import type { EventSubscription } from '../event-store.port.js';
import { isAfter, type GlobalPosition } from '../global-position.js';
import type { OrderedMessages } from './ordered-messages.js';

/** Catch-up and live in one: an ordered consumer from the start sequence simply keeps going. */
export class JetStreamSubscription implements EventSubscription {
  private messages: OrderedMessages | undefined;
  private closed = false;
  private iterated = false;

  constructor(
    private readonly open: () => Promise<OrderedMessages>,
    private readonly decode: (message: JsMsg) => RecordedEvent[],
    private readonly after: GlobalPosition | undefined,
    private readonly onClose: () => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    if (this.iterated) throw new Error('an event subscription can be iterated only once');
    this.iterated = true;
    if (this.closed) return;
    const messages = await this.open();
    this.messages = messages;
    try {
      if (this.closed) return;
      // Closing only queues the end behind messages already buffered: check before each event.
      for await (const message of messages) {
        for (const event of this.decode(message)) {
          if (this.closed) return;
          if (isAfter(event.position, this.after)) yield event;
        }
      }
      if (!this.closed) throw new Error('event subscription ended without being closed (NATS connection closed?)');
    } finally {
      await this.close();
    }
  }

  /** Also releases the consumer when called while it was still being opened. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.onClose();
    }
    const messages = this.messages;
    this.messages = undefined;
    await messages?.close();
  }
}

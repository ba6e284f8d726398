import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';

/** Large pulls: a full replay (hundreds of thousands of events) must not be bound by round trips. */
const PULL_BATCH = 5_000;

export interface OrderedMessages extends AsyncIterable<JsMsg> {
  close(): Promise<void>;
}

/**
 * Messages of one JetStream stream from `startSeq` on, in order, through an ordered consumer: the
 * client recreates it after a gap or a lost consumer (e.g. a server restart) from the last sequence it
 * delivered, so nothing is skipped or repeated.
 */
export async function consumeOrdered(
  js: JetStreamClient,
  stream: string,
  options: { startSeq: number; filterSubject?: string },
): Promise<OrderedMessages> {
  // One filter subject as a string: the client sends it as `filter_subject`, which NATS 2.9 understands.
  const consumer = await js.consumers.get(stream, {
    opt_start_seq: options.startSeq,
    ...(options.filterSubject === undefined ? {} : { filter_subjects: options.filterSubject }),
  });
  const messages = await consumer.consume({ max_messages: PULL_BATCH });
  let iterated = false;
  return {
    [Symbol.asyncIterator]: () => {
      iterated = true;
      return messages[Symbol.asyncIterator]();
    },
    async close() {
      // The client's close() resolves once its iterator has ended, which one never iterated never
      // does (a subscription closed while its consumer was being opened): stopping it is all there is.
      if (iterated) await messages.close();
      else messages.stop();
      // The server drops an abandoned ephemeral consumer on its own after a while; deleting it now only
      // frees it sooner, so a failure here (e.g. connection already closed) changes nothing.
      await consumer.delete().catch(() => false);
    },
  };
}

/**
 * Whether a bounded read is done: it reached the sequence that was last when it started, or nothing is
 * left to wait for (should that sequence have been removed meanwhile).
 */
export function reachedEnd(message: JsMsg, endSeq: number): boolean {
  return message.seq >= endSeq || message.info.pending === 0;
}

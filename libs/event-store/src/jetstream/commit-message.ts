import { headers as createHeaders } from '@nats-io/nats-core';
import type { MsgHdrs } from '@nats-io/nats-core';
import type { EventData, RecordedEvent } from '../event-data.js';

/**
 * NATS 2.9 cannot publish several messages atomically, so one append (1..n events) is stored as one
 * JetStream message, a "commit". Its headers carry the revisions it covers, so that a stream's current
 * revision is known from its last message alone.
 */
const FIRST_REVISION_HEADER = 'Snapforge-First-Revision';
const LAST_REVISION_HEADER = 'Snapforge-Last-Revision';

export interface CommitMessage {
  readonly subject: string;
  readonly seq: number;
  readonly headers: MsgHdrs | undefined;
  readonly data: Uint8Array;
  readonly time: Date;
}

export interface Commit {
  readonly seq: number;
  readonly firstRevision: number;
  readonly lastRevision: number;
  readonly events: RecordedEvent[];
}

interface StoredEvent {
  id: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeCommit(events: readonly EventData[], firstRevision: number): { headers: MsgHdrs; payload: Uint8Array } {
  const headers = createHeaders();
  headers.set(FIRST_REVISION_HEADER, String(firstRevision));
  headers.set(LAST_REVISION_HEADER, String(firstRevision + events.length - 1));
  const stored: StoredEvent[] = events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }));
  return { headers, payload: encoder.encode(JSON.stringify(stored)) };
}

export function decodeCommit(message: CommitMessage, streamName: string): Commit {
  const firstRevision = Number(message.headers?.get(FIRST_REVISION_HEADER));
  const lastRevision = Number(message.headers?.get(LAST_REVISION_HEADER));
  const stored = JSON.parse(decoder.decode(message.data)) as StoredEvent[];
  if (!Number.isSafeInteger(firstRevision) || !Array.isArray(stored) || lastRevision !== firstRevision + stored.length - 1) {
    throw new Error(`message ${message.seq} on ${message.subject} is not an event-store commit`);
  }
  // A full replay decodes hundreds of thousands of events: read the message's parsed fields once, and
  // build each event with one fixed shape rather than spread the stored one.
  const { seq } = message;
  const recordedAtMs = message.time.getTime();
  const events = stored.map(
    (event, index): RecordedEvent => ({
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      streamName,
      revision: firstRevision + index,
      position: { commit: seq, prepare: index },
      recordedAt: new Date(recordedAtMs),
    }),
  );
  return { seq, firstRevision, lastRevision, events };
}

import { createHash } from 'node:crypto';
import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager, StoredMsg, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { NatsConnection } from '@nats-io/nats-core';
import type { EventData, RecordedEvent } from '../event-data.js';
import type { AppendOptions, AppendResult, EventStore, EventSubscription, ReadAllOptions, ReadStreamOptions } from '../event-store.port.js';
import { assertValidExpectedRevision, isExpectedRevisionMet, type ExpectedRevision } from '../expected-revision.js';
import { isAfter, type GlobalPosition } from '../global-position.js';
import { WrongExpectedVersionError } from '../wrong-expected-version.error.js';
import { decodeCommit, encodeCommit, type Commit, type CommitMessage } from './commit-message.js';
import { EventStreamSubjects } from './event-stream-subjects.js';
import { JetStreamSubscription } from './jetstream-subscription.js';
import { consumeOrdered, reachedEnd } from './ordered-messages.js';

export interface JetStreamEventStoreOptions {
  /** JetStream stream holding every event stream. */
  readonly streamName?: string;
  /** Event stream `s` lives on subject `<subjectPrefix>.<encoded s>`. */
  readonly subjectPrefix?: string;
}

/** Long enough to cover a client's retries of a command whose reply got lost. */
const DUPLICATE_WINDOW_MS = 5 * 60_000;
const STREAM_NAME_IN_USE = 10058;

/**
 * Event store on one JetStream stream, one subject per event stream. Global position = stream sequence
 * of the commit message plus the event's index in it; optimistic concurrency with the expected last
 * subject sequence.
 */
export class JetStreamEventStore implements EventStore {
  private readonly subscriptions = new Set<JetStreamSubscription>();

  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly streamName: string,
    private readonly subjects: EventStreamSubjects,
  ) {}

  /** Creates the JetStream stream, or updates it to this configuration. The connection stays the caller's. */
  static async create(nc: NatsConnection, options: JetStreamEventStoreOptions = {}): Promise<JetStreamEventStore> {
    const streamName = options.streamName ?? 'SNAPFORGE_EVENTS';
    const subjects = new EventStreamSubjects(options.subjectPrefix ?? 'snapforge.es');
    const jsm = await jetstreamManager(nc);
    await createOrUpdateStream(jsm, {
      name: streamName,
      subjects: [subjects.all],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_msgs: -1,
      max_bytes: -1,
      max_age: 0,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      allow_direct: true,
    });
    return new JetStreamEventStore(jsm.jetstream(), jsm, streamName, subjects);
  }

  async append(streamName: string, events: readonly EventData[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    assertValidExpectedRevision(expectedRevision);
    const subject = this.subjects.subjectOf(streamName);
    const msgID = appendId(streamName, events);
    // A new stream has nothing to read first: its first commit is tried at once, and if the subject
    // has a commit after all, the publish fails and the loop reads it like any other.
    let assumeNew = expectedRevision === 'no_stream';
    for (;;) {
      const last = assumeNew ? undefined : await this.lastCommit(subject);
      assumeNew = false;
      const current = last ? last.lastRevision : 'no_stream';
      if (!isExpectedRevisionMet(expectedRevision, current)) {
        const original = await this.findSameAppend(subject, expectedRevision, events, last);
        if (original) return resultOf(original);
        throw new WrongExpectedVersionError(streamName, expectedRevision, current);
      }
      const firstRevision = last ? last.lastRevision + 1 : 0;
      const { headers, payload } = encodeCommit(events, firstRevision);
      try {
        const ack = await this.js.publish(subject, payload, {
          headers,
          msgID,
          expect: { lastSubjectSequence: last?.seq ?? 0 },
        });
        if (!ack.duplicate) {
          return { nextExpectedRevision: firstRevision + events.length - 1, position: { commit: ack.seq, prepare: events.length - 1 } };
        }
        // The same append went through before (a retry within the duplicate window): answer as then.
        return resultOf(await this.commitAt(ack.seq));
      } catch (error) {
        // Another append slipped in between our read and our write: check the expectation again.
        if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence)) throw error;
      }
    }
  }

  async readStream(streamName: string, { fromRevision = 0 }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const subject = this.subjects.subjectOf(streamName);
    const last = await this.lastCommit(subject);
    if (!last || fromRevision > last.lastRevision) return [];
    if (fromRevision >= last.firstRevision) return last.events.filter((event) => event.revision >= fromRevision);
    const events: RecordedEvent[] = [];
    for await (const commit of this.readCommits(subject, last.seq)) {
      for (const event of commit.events) if (event.revision >= fromRevision) events.push(event);
    }
    return events;
  }

  async *readAll({ after }: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const endSeq = (await this.jsm.streams.info(this.streamName)).state.last_seq;
    const startSeq = startSeqAfter(after?.commit);
    if (endSeq < startSeq) return;
    const messages = await consumeOrdered(this.js, this.streamName, { startSeq });
    try {
      for await (const message of messages) {
        for (const event of this.decode(message).events) if (isAfter(event.position, after)) yield event;
        if (reachedEnd(message, endSeq)) return;
      }
    } finally {
      await messages.close();
    }
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    const lastSeq = (await this.jsm.streams.info(this.streamName)).state.last_seq;
    if (lastSeq === 0) return undefined;
    const { events } = await this.commitAt(lastSeq);
    return { commit: lastSeq, prepare: events.length - 1 };
  }

  subscribeToAll({ after }: ReadAllOptions = {}): EventSubscription {
    const subscription: JetStreamSubscription = new JetStreamSubscription(
      () => consumeOrdered(this.js, this.streamName, { startSeq: startSeqAfter(after?.commit) }),
      (message) => this.decode(message).events,
      after,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private decode(message: CommitMessage): Commit {
    return decodeCommit(message, this.subjects.streamNameOf(message.subject));
  }

  private async lastCommit(subject: string): Promise<Commit | undefined> {
    const stored = await this.jsm.direct.getMessage(this.streamName, { last_by_subj: subject });
    return stored ? this.decode(fromStored(stored)) : undefined;
  }

  private async commitAt(seq: number): Promise<Commit> {
    const stored = await this.jsm.direct.getMessage(this.streamName, { seq });
    if (!stored) throw new Error(`commit ${seq} is missing from stream ${this.streamName}`);
    return this.decode(fromStored(stored));
  }

  /** The commits of one event stream, oldest first, up to the sequence `endSeq`. */
  private async *readCommits(subject: string, endSeq: number): AsyncGenerator<Commit> {
    const messages = await consumeOrdered(this.js, this.streamName, { startSeq: 1, filterSubject: subject });
    try {
      for await (const message of messages) {
        yield this.decode(message);
        if (reachedEnd(message, endSeq)) return;
      }
    } finally {
      await messages.close();
    }
  }

  /**
   * A retried append whose expectation no longer holds because it went through the first time: the
   * commit right after the expected revision carries exactly these event ids. Only a numeric or
   * `no_stream` expectation says where that commit must be.
   */
  private async findSameAppend(
    subject: string,
    expected: ExpectedRevision,
    events: readonly EventData[],
    last: Commit | undefined,
  ): Promise<Commit | undefined> {
    if (!last || (typeof expected !== 'number' && expected !== 'no_stream')) return undefined;
    const firstRevision = expected === 'no_stream' ? 0 : expected + 1;
    if (last.lastRevision < firstRevision + events.length - 1) return undefined;
    const commit = last.firstRevision <= firstRevision ? last : await this.firstCommitFrom(subject, firstRevision, last.seq);
    return commit?.firstRevision === firstRevision && sameIds(commit, events) ? commit : undefined;
  }

  private async firstCommitFrom(subject: string, revision: number, endSeq: number): Promise<Commit | undefined> {
    for await (const commit of this.readCommits(subject, endSeq)) {
      if (commit.lastRevision >= revision) return commit;
    }
    return undefined;
  }
}

async function createOrUpdateStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.add(config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE)) throw error;
    await jsm.streams.update(config.name, config);
  }
}

/** Nats-Msg-Id of an append: the same events retried on the same stream collapse into one message. */
function appendId(streamName: string, events: readonly EventData[]): string {
  const hash = createHash('sha256').update(streamName);
  for (const event of events) hash.update('\0').update(event.id);
  return hash.digest('base64url');
}

function sameIds(commit: Commit, events: readonly EventData[]): boolean {
  return commit.events.length === events.length && commit.events.every((event, index) => event.id === events[index]?.id);
}

function resultOf(commit: Commit): AppendResult {
  return { nextExpectedRevision: commit.lastRevision, position: { commit: commit.seq, prepare: commit.events.length - 1 } };
}

/** The commit holding `after` may still have later events in it, so reading restarts at that commit. */
function startSeqAfter(afterCommit: number | undefined): number {
  return Math.max(afterCommit ?? 1, 1);
}

function fromStored(stored: StoredMsg): CommitMessage {
  return { subject: stored.subject, seq: stored.seq, headers: stored.header, data: stored.data, time: stored.time };
}

import { headers as natsHeaders, nanos, type NatsConnection } from '@nats-io/nats-core';
import {
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';

/** A JetStream stream of job output (builds, setup scripts): one subject per job, bounded in age and size. */
export interface OutputStreamConfig {
  stream: string;
  subjectPrefix: string;
  /** Header on a job's last message; readers that follow stop there. */
  endHeader: string;
}

const MAX_AGE_MS = 7 * 24 * 3600_000;
const MAX_BYTES = 1024 ** 3;
const MAX_BYTES_PER_JOB = 16 * 1024 ** 2;

export async function ensureOutputStream(nc: NatsConnection, config: OutputStreamConfig): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(config.stream);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add({
      name: config.stream,
      subjects: [`${config.subjectPrefix}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: nanos(MAX_AGE_MS),
      max_bytes: MAX_BYTES,
    });
  }
}

/**
 * Writes one job's output. Publishing is fire-and-forget per line (ordered on the connection), and
 * a failed write never fails the job: the job's status must not depend on its output.
 *
 * With `heldUntil`, lines wait until it resolves, and are dropped when it resolves false: a worker
 * may start on a job before it knows the job is its own, but only the job's owner writes its output.
 */
export class OutputWriter {
  private written = 0;
  private truncated = false;
  private dropped = false;
  private pending: Promise<unknown>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly config: OutputStreamConfig,
    private readonly subject: string,
    heldUntil: Promise<boolean> = Promise.resolve(true),
  ) {
    this.pending = heldUntil.then(
      (owned) => (this.dropped = !owned),
      () => (this.dropped = true),
    );
  }

  write(text: string): void {
    if (this.truncated || this.dropped) return;
    const line = text.endsWith('\n') ? text : `${text}\n`;
    this.written += Buffer.byteLength(line);
    if (this.written > MAX_BYTES_PER_JOB) {
      this.truncated = true;
      this.publish(`[output truncated after ${MAX_BYTES_PER_JOB} bytes]\n`);
      return;
    }
    this.publish(line);
  }

  /** Marks the end of the output (with a last line) and waits until everything is stored. */
  async end(lastLine: string): Promise<void> {
    const h = natsHeaders();
    h.set(this.config.endHeader, 'true');
    this.publish(lastLine.endsWith('\n') ? lastLine : `${lastLine}\n`, h);
    await this.pending;
  }

  /**
   * Records the outcome with `report`, then ends the output with `lastLine`: whoever follows the
   * output to its end finds the outcome already recorded. The output ends even when `report` fails.
   */
  async endAfter<T>(report: () => Promise<T>, lastLine: string): Promise<T> {
    try {
      return await report();
    } finally {
      await this.end(lastLine);
    }
  }

  private publish(line: string, h?: ReturnType<typeof natsHeaders>): void {
    const js = jetstream(this.nc);
    this.pending = this.pending.then(() => (this.dropped ? undefined : js.publish(this.subject, line, h ? { headers: h } : {}).catch(() => undefined)));
  }
}

/**
 * A job's output from the start: the stored part, then (with `follow`) live lines until the end
 * marker. Ends at once without `follow` when the stored part is read.
 */
export async function* readOutput(
  nc: NatsConnection,
  config: OutputStreamConfig,
  subject: string,
  options: { follow: boolean; signal?: AbortSignal },
): AsyncGenerator<string> {
  const js = jetstream(nc);
  const consumer = await js.consumers.get(config.stream, {
    // A single subject as a string: the client then sends `filter_subject`, which NATS 2.9 understands.
    filter_subjects: subject,
    deliver_policy: DeliverPolicy.All,
  });
  if (!options.follow && (await consumer.info()).num_pending === 0) return;
  const messages = await consumer.consume({ max_messages: 256 });
  const stop = () => void messages.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const msg of messages) {
      yield msg.string();
      if (msg.headers?.get(config.endHeader) === 'true') return;
      if (!options.follow && msg.info.pending === 0) return;
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await messages.close();
  }
}

import { Logger } from '@nestjs/common';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import {
  AckPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JsMsg,
} from '@nats-io/jetstream';
import { runWithCorrelationId, type ServiceMetrics } from '@snapforge/observability';
import { correlationHeaders, correlationIdOf } from './correlation-headers.js';

/** A JetStream work queue: each job is delivered to one worker and removed once acknowledged. */
export interface WorkQueueConfig {
  /** JetStream stream that holds the jobs (retention: work queue). */
  stream: string;
  /** Subject the jobs are published on. */
  subject: string;
  /** Durable pull consumer shared by every worker of the queue. */
  durable: string;
  /** How long a worker may hold a job without a heartbeat before JetStream hands it to another one. */
  ackWaitMs: number;
  /** Deliveries per job, the first included; after that the job is reported as exhausted. */
  maxDeliver: number;
}

export interface JobDelivery<Job> {
  job: Job;
  /** 1 for the first delivery. */
  deliveryCount: number;
  /** No other worker will get this job if this delivery does not finish it. */
  isLastDelivery: boolean;
}

/** Thrown by a job handler to hand the job back for another delivery after `delayMs`. */
export class RetryJobLater extends Error {
  constructor(
    message: string,
    readonly delayMs = 1_000,
  ) {
    super(message);
  }
}

/** Creates the queue's stream and durable consumer if they are missing (idempotent; safe from every replica). */
export async function ensureWorkQueue(nc: NatsConnection, config: WorkQueueConfig): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(config.stream);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add({
      name: config.stream,
      subjects: [config.subject],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      // Message id = job id, so a job dispatched twice (a replayed subscription) is queued once.
      duplicate_window: nanos(10 * 60_000),
    });
  }
  const consumer = {
    durable_name: config.durable,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(config.ackWaitMs),
    max_deliver: config.maxDeliver,
    filter_subject: config.subject,
  };
  try {
    await jsm.consumers.info(config.stream, config.durable);
    await jsm.consumers.update(config.stream, config.durable, {
      ack_wait: consumer.ack_wait,
      max_deliver: consumer.max_deliver,
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(config.stream, consumer);
  }
}

/**
 * Queues a job; publishing the same job id again within the duplicate window is a no-op. The
 * correlation id in scope goes with it, and the worker runs the job in that context.
 */
export async function publishJob<Job>(nc: NatsConnection, config: WorkQueueConfig, jobId: string, job: Job): Promise<void> {
  const headers = correlationHeaders();
  await jetstream(nc).publish(config.subject, JSON.stringify(job), { msgID: jobId, ...(headers ? { headers } : {}) });
}

/**
 * Pulls one job at a time and runs the handler, sending `working()` heartbeats while it runs so that a
 * long build keeps its job, while a worker that dies (even by SIGKILL) stops heartbeating and loses
 * the job to another worker after `ackWaitMs`. Success acks; RetryJobLater naks with a delay; any
 * other error is logged and naks too, bounded by `maxDeliver`.
 */
export class WorkQueueWorker<Job> {
  private readonly logger: Logger;
  private stopping = false;
  private loop?: Promise<void>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly config: WorkQueueConfig,
    private readonly handler: (delivery: JobDelivery<Job>) => Promise<void>,
    /** Counts redeliveries (jobs an earlier delivery did not finish) when given. */
    private readonly metrics?: ServiceMetrics,
  ) {
    this.logger = new Logger(`work-queue:${config.durable}`);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Finishes the job in hand (if any) and stops pulling. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    const consumer = await jetstream(this.nc).consumers.get(this.config.stream, this.config.durable);
    while (!this.stopping && !this.nc.isClosed()) {
      let msg: JsMsg | null;
      try {
        msg = await consumer.next({ expires: 2_000 });
      } catch (error) {
        if (this.stopping || this.nc.isClosed()) break;
        this.logger.warn(`pull failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        continue;
      }
      if (msg) await this.handle(msg);
    }
  }

  /** In the job's correlation context: the handler's log lines and requests, and the failure logged here. */
  private handle(msg: JsMsg): Promise<void> {
    return runWithCorrelationId(correlationIdOf(msg.headers), () => this.handleInContext(msg));
  }

  private async handleInContext(msg: JsMsg): Promise<void> {
    const heartbeat = setInterval(() => msg.working(), Math.max(250, Math.floor(this.config.ackWaitMs / 3)));
    const { deliveryCount } = msg.info;
    if (deliveryCount > 1) this.metrics?.workQueueRedeliveries.inc({ queue: this.config.durable });
    try {
      const delivery = { job: msg.json<Job>(), deliveryCount, isLastDelivery: deliveryCount >= this.config.maxDeliver };
      await this.handler(delivery);
      await msg.ackAck();
    } catch (error) {
      const delay = error instanceof RetryJobLater ? error.delayMs : 1_000;
      if (!(error instanceof RetryJobLater)) {
        this.logger.error(`job on ${msg.subject} (delivery ${msg.info.deliveryCount}) failed`, error instanceof Error ? error.stack : String(error));
      }
      msg.nak(delay);
    } finally {
      clearInterval(heartbeat);
    }
  }
}

/**
 * Calls `onExhausted` with every job that used up its deliveries (its workers kept dying), read from
 * JetStream's max-deliveries advisories; without this such a job would silently stay undone.
 * It runs in the job's correlation context.
 */
export function watchExhaustedJobs<Job>(
  nc: NatsConnection,
  config: WorkQueueConfig,
  onExhausted: (job: Job, deliveries: number) => Promise<void>,
): { stop: () => void } {
  const logger = new Logger(`work-queue:${config.durable}`);
  const subscription = nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${config.stream}.${config.durable}`);
  void (async () => {
    const jsm = await jetstreamManager(nc);
    for await (const advisory of subscription) {
      const { stream_seq: seq, deliveries } = advisory.json<{ stream_seq: number; deliveries: number }>();
      try {
        const stored = await jsm.streams.getMessage(config.stream, { seq });
        if (!stored) continue;
        await runWithCorrelationId(correlationIdOf(stored.header), () => onExhausted(stored.json<Job>(), deliveries));
        await jsm.streams.deleteMessage(config.stream, seq);
      } catch (error) {
        logger.error(`could not settle exhausted job #${seq}`, error instanceof Error ? error.stack : String(error));
      }
    }
  })();
  return { stop: () => subscription.unsubscribe() };
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamNotFound || error.code === JetStreamApiCodes.ConsumerNotFound)
  );
}

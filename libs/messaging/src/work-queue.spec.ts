import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { connectNats } from './nats-connection.js';
import {
  ensureWorkQueue,
  publishJob,
  RetryJobLater,
  watchExhaustedJobs,
  WorkQueueWorker,
  type JobDelivery,
  type WorkQueueConfig,
} from './work-queue.js';

interface TestJob {
  id: string;
}

describe('JetStream work queue', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  const workers: WorkQueueWorker<TestJob>[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connectNats('work-queue-spec', server.url);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  async function queue(overrides: Partial<WorkQueueConfig> = {}): Promise<WorkQueueConfig> {
    const name = `Q${randomUUID().slice(0, 8)}`;
    const config = { stream: name, subject: `test.${name}`, durable: `${name}-workers`, ackWaitMs: 1_000, maxDeliver: 3, ...overrides };
    await ensureWorkQueue(nc, config);
    return config;
  }

  function work(config: WorkQueueConfig, handler: (delivery: JobDelivery<TestJob>) => Promise<void>) {
    const worker = new WorkQueueWorker<TestJob>(nc, config, handler);
    workers.push(worker);
    worker.start();
    return worker;
  }

  async function pending(config: WorkQueueConfig): Promise<number> {
    const info = await (await jetstream(nc).streams.get(config.stream)).info();
    return info.state.messages;
  }

  it('delivers each job once and removes it when done; a duplicate publish is queued once', async () => {
    const config = await queue();
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      work(config, async ({ job, deliveryCount }) => {
        seen.push(`${job.id}#${deliveryCount}`);
        if (seen.length === 2) resolve();
      });
    });
    await publishJob(nc, config, 'a', { id: 'a' });
    await publishJob(nc, config, 'a', { id: 'a' });
    await publishJob(nc, config, 'b', { id: 'b' });
    await done;
    await eventually(async () => expect(await pending(config)).toBe(0));
    expect(seen).toEqual(['a#1', 'b#1']);
  });

  it('keeps a long job with heartbeats instead of handing it to another worker', async () => {
    const config = await queue({ ackWaitMs: 600 });
    const deliveries: number[] = [];
    const finished = new Promise<void>((resolve) => {
      const handler = async ({ deliveryCount }: JobDelivery<TestJob>) => {
        deliveries.push(deliveryCount);
        await new Promise((r) => setTimeout(r, 2_000)); // more than three ack-wait periods
        resolve();
      };
      work(config, handler);
      work(config, handler);
    });
    await publishJob(nc, config, 'long', { id: 'long' });
    await finished;
    await eventually(async () => expect(await pending(config)).toBe(0));
    expect(deliveries).toEqual([1]);
  });

  it('redelivers a job its worker abandoned to another worker', async () => {
    const config = await queue({ ackWaitMs: 500 });
    await publishJob(nc, config, 'orphan', { id: 'orphan' });
    // A worker that takes the job and then dies: it never acks and never heartbeats.
    const consumer = await jetstream(nc).consumers.get(config.stream, config.durable);
    const taken = await consumer.next({ expires: 2_000 });
    expect(taken?.json<TestJob>().id).toBe('orphan');

    const redelivered = new Promise<JobDelivery<TestJob>>((resolve) => work(config, async (delivery) => resolve(delivery)));
    await expect(redelivered).resolves.toMatchObject({ job: { id: 'orphan' }, deliveryCount: 2, isLastDelivery: false });
  });

  it('retries on RetryJobLater and reports a job whose deliveries are used up', async () => {
    const config = await queue({ maxDeliver: 2 });
    const exhausted = new Promise<{ job: TestJob; deliveries: number }>((resolve) => {
      const watcher = watchExhaustedJobs<TestJob>(nc, config, async (job, deliveries) => {
        watcher.stop();
        resolve({ job, deliveries });
      });
    });
    const attempts: JobDelivery<TestJob>[] = [];
    work(config, async (delivery) => {
      attempts.push(delivery);
      throw new RetryJobLater('engine busy', 100);
    });
    await publishJob(nc, config, 'doomed', { id: 'doomed' });
    await expect(exhausted).resolves.toEqual({ job: { id: 'doomed' }, deliveries: 2 });
    expect(attempts.map((a) => [a.deliveryCount, a.isLastDelivery])).toEqual([
      [1, false],
      [2, true],
    ]);
    await eventually(async () => expect(await pending(config)).toBe(0));
  });
});

async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

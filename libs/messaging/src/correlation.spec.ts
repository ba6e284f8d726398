import { randomUUID } from 'node:crypto';
import { Controller, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthRpc, rpc } from '@snapforge/contracts';
import { currentCorrelationId, runWithCorrelationId, ServiceMetrics } from '@snapforge/observability';
import { MessagingModule } from './messaging.module.js';
import { RpcClient } from './rpc-client.js';
import { useServiceOnNats } from './service-on-nats.spec-support.js';
import { ensureWorkQueue, publishJob, WorkQueueWorker, type WorkQueueConfig } from './work-queue.js';

interface Seen {
  correlationId: string | null;
}

const whoami = rpc<Record<string, never>, Seen>('scheduler', 'test.whoami');
const relay = rpc<Record<string, never>, Seen>('scheduler', 'test.relay');

@Controller()
class CorrelationController {
  constructor(private readonly rpcClient: RpcClient) {}

  @MessagePattern(whoami.subject)
  async whoami(): Promise<Seen> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { correlationId: currentCorrelationId() ?? null };
  }

  /** A second hop: the handler's own request carries the id it runs under. */
  @MessagePattern(relay.subject)
  relay(): Promise<Seen> {
    return this.rpcClient.request(whoami, {});
  }
}

@Module({ imports: [MessagingModule.forRoot('scheduler')], controllers: [CorrelationController] })
class CorrelationModule {}

describe('correlation ids over NATS', () => {
  const running = useServiceOnNats(CorrelationModule, 'correlation-spec');

  it('runs a Nest handler in the context of the request it answers, across a second hop', async () => {
    await expect(runWithCorrelationId('corr-direct', () => running.client.request(whoami, {}))).resolves.toEqual({ correlationId: 'corr-direct' });
    await expect(runWithCorrelationId('corr-relayed', () => running.client.request(relay, {}))).resolves.toEqual({ correlationId: 'corr-relayed' });
  });

  it('runs a request without an id with none, even right after one with an id', async () => {
    const [withId, withoutId] = await Promise.all([runWithCorrelationId('corr-busy', () => running.client.request(relay, {})), running.client.request(relay, {})]);
    expect(withId).toEqual({ correlationId: 'corr-busy' });
    expect(withoutId).toEqual({ correlationId: null });
  });

  it('runs a queued job in the context it was published in, and counts its redelivery', async () => {
    const config: WorkQueueConfig = { stream: `Q${randomUUID().slice(0, 8)}`, subject: `spec.jobs.${randomUUID().slice(0, 8)}`, durable: 'spec', ackWaitMs: 5_000, maxDeliver: 3 };
    await ensureWorkQueue(running.nc, config);
    const metrics = new ServiceMetrics('builder-agent');
    const seen: Array<string | undefined> = [];
    const done = new Promise<void>((resolve) => {
      const worker = new WorkQueueWorker<{ n: number }>(
        running.nc,
        config,
        async ({ deliveryCount }) => {
          seen.push(currentCorrelationId());
          if (deliveryCount === 1) throw new Error('first delivery fails');
          resolve();
          void worker.stop();
        },
        metrics,
      );
      worker.start();
    });
    await runWithCorrelationId('corr-job', () => publishJob(running.nc, config, 'job-1', { n: 1 }));
    await done;
    expect(seen).toEqual(['corr-job', 'corr-job']);
    expect((await metrics.workQueueRedeliveries.get()).values).toEqual([{ labels: { queue: 'spec' }, value: 1 }]);
  });

  it("announces its ops server in the health reply, ready, with metrics that count NATS reconnects", async () => {
    const { opsUrl } = await running.client.request(healthRpc('scheduler'), {});
    expect(opsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ready = await fetch(`${opsUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { nats: { ok: true } } });

    await running.server.restart();
    const reconnects = async () => Number(/^snapforge_nats_reconnects_total\{service="scheduler"\} (\d+)/m.exec(await (await fetch(`${opsUrl}/metrics`)).text())?.[1]);
    for (let attempt = 0; attempt < 100 && !((await reconnects()) >= 1); attempt++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await reconnects()).toBeGreaterThanOrEqual(1);
  });
});

import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { MessagingModule } from '@snapforge/messaging';
import { ReadinessChecks, ServiceMetrics } from '@snapforge/observability';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import type { EventStore } from './event-store.port.js';
import { EventStoreModule } from './event-store.module.js';
import { EVENT_STORE } from './event-store.tokens.js';
import { projectionOf } from './read-model-projection.js';

type ItemAdded = { type: 'ItemAdded'; data: Record<string, never> };

class Items {
  count = 0;
  apply(_event: ItemAdded): void {
    this.count++;
  }
}

const isItemAdded = <E extends { type: string }>(event: E): event is E & ItemAdded => event.type === 'ItemAdded';

class ItemsProjection extends projectionOf({ name: 'spec-items', create: () => new Items(), accepts: isItemAdded }) {}

@Module({ imports: [EventStoreModule], providers: [ItemsProjection] })
class ItemsModule {}

@Module({ imports: [MessagingModule.forRoot('profile-service'), ItemsModule] })
class SpecModule {}

describe('projection metrics and readiness', () => {
  let server: NatsServerHandle;
  let app: TestingModule;
  let store: EventStore;
  let metrics: ServiceMetrics;
  let readiness: ReadinessChecks;

  beforeAll(async () => {
    server = await startNatsServer();
    process.env.SNAPFORGE_NATS_URL = server.url;
    // Built but not initialised: the projection has not replayed yet.
    app = await Test.createTestingModule({ imports: [SpecModule] }).compile();
    store = app.get(EVENT_STORE);
    metrics = app.get(ServiceMetrics);
    readiness = app.get(ReadinessChecks);
  });

  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  async function gauge(name: string): Promise<number | undefined> {
    const metric = metrics.registry.getSingleMetric(name);
    const { values } = (await metric?.get()) ?? { values: [] };
    return values.find((value) => value.labels['projection'] === 'spec-items')?.value;
  }

  async function addItems(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await store.append(`item-${randomUUID()}`, [{ id: randomUUID(), type: 'ItemAdded', data: {} }], { expectedRevision: 'no_stream' });
  }

  it('is not ready, naming the projection, until it has replayed; reports its lag meanwhile', async () => {
    await addItems(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await readiness.run()).toEqual({
      status: 'not_ready',
      checks: { nats: { ok: true }, 'event-store': { ok: true }, projections: { ok: false, error: 'not caught up yet: spec-items' } },
    });
    expect(await gauge('snapforge_projection_lag_events')).toBe(2);
    expect(await gauge('snapforge_projection_lag_seconds')).toBeGreaterThan(0);
  });

  it('is ready with no lag once caught up', async () => {
    await app.init();
    expect(app.get(ItemsProjection).model.count).toBe(2);
    expect(await readiness.run()).toMatchObject({ status: 'ready' });
    expect(await gauge('snapforge_projection_lag_events')).toBe(0);
    expect(await gauge('snapforge_projection_lag_seconds')).toBe(0);
  });

  it('reports the events a stalled projection has not applied', async () => {
    await app.get(ItemsProjection).onApplicationShutdown();
    await addItems(3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await gauge('snapforge_projection_lag_events')).toBe(3);
    expect(await gauge('snapforge_projection_lag_seconds')).toBeGreaterThan(0);
  });

  it('measures appends through the store the module provides', async () => {
    const { values } = await metrics.eventStoreAppendSeconds.get();
    expect(values.find((value) => value.metricName === 'snapforge_event_store_append_seconds_count')).toMatchObject({ labels: { outcome: 'ok' }, value: 5 });
  });
});

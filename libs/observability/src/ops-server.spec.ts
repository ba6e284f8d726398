import { OpsServer } from './ops-server.js';
import { ReadinessChecks } from './readiness-checks.js';
import { ServiceMetrics } from './service-metrics.js';

describe('ops server', () => {
  const metrics = new ServiceMetrics('scheduler');
  let readiness: ReadinessChecks;
  let server: OpsServer;
  let url: string;
  let storeAnswers: boolean;

  beforeEach(async () => {
    storeAnswers = true;
    readiness = new ReadinessChecks();
    readiness.add('nats', () => undefined);
    readiness.add('event-store', async () => {
      if (!storeAnswers) throw new Error('the event store refused the connection');
    });
    server = new OpsServer(metrics, readiness);
    url = await server.listen({ host: '127.0.0.1', port: 0 });
  });

  afterEach(() => server.onApplicationShutdown());

  it('listens on a free port when asked for port 0 and says where', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(url);
    expect(url).not.toMatch(/:0$/);
  });

  it('serves the Prometheus text format, every metric labelled with the service', async () => {
    metrics.natsReconnects.inc();
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE snapforge_nats_reconnects_total counter');
    expect(text).toMatch(/^snapforge_nats_reconnects_total\{service="scheduler"\} [1-9]/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="scheduler"\} /m);
    expect(text).toContain('# TYPE snapforge_event_store_append_seconds histogram');
  });

  it('answers liveness whatever the readiness', async () => {
    storeAnswers = false;
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when every check passes', async () => {
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { nats: { ok: true }, 'event-store': { ok: true } } });
  });

  it('is not ready, naming the failed check and why, when one fails', async () => {
    storeAnswers = false;
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not_ready',
      checks: { nats: { ok: true }, 'event-store': { ok: false, error: 'the event store refused the connection' } },
    });
  });

  it('is not ready when a check hangs instead of hanging itself', async () => {
    readiness.add('projections', () => new Promise<void>(() => undefined));
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ checks: { projections: { ok: false, error: expect.stringMatching(/no answer within \d+ ms/) } } });
  });

  it('says which variable to change when its port is taken', async () => {
    const second = new OpsServer(metrics, readiness);
    await expect(second.listen({ host: '127.0.0.1', port: Number(new URL(url).port) })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+ .*EADDRINUSE.*SNAPFORGE_OPS_PORT/);
  });

  it('answers other paths with 404 and other methods with 405', async () => {
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});

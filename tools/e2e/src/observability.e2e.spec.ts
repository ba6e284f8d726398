import { randomUUID } from 'node:crypto';
import type { HealthReply } from '@snapforge/contracts';
import { dockerForTests, startServiceStack, type DockerForTests, type ServiceStack } from '@snapforge/testing';

interface LogLine {
  service: string;
  level: string;
  time: string;
  instanceId: string;
  msg: string;
  context?: string;
  correlationId?: string;
}

/**
 * Operating the system: one request's correlation id in every service's JSON log lines on its way,
 * Prometheus metrics that count what happened, and readiness on every service's ops endpoint.
 */
describe('observability of a running stack', () => {
  let docker: DockerForTests;
  let stack: ServiceStack;
  let apiKey: string;

  beforeAll(async () => {
    docker = await dockerForTests();
    stack = await startServiceStack();
    ({ apiKey } = await stack.createWorkspace('e2e-observability'));
  });

  afterAll(async () => {
    await stack?.stop();
    await docker?.cleanup();
  });

  /** Every line the stack printed, by the process label the harness put in front of it. */
  function logLines(): Array<{ label: string; line: LogLine }> {
    return stack
      .logs()
      .split('\n')
      .map((text) => /^\[([^\]]+)\] (\{.*\})$/.exec(text))
      .filter((match): match is RegExpExecArray => match !== null)
      .map(([, label, json]) => ({ label: label as string, line: JSON.parse(json as string) as LogLine }));
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function createSnapshot(headers: Record<string, string>): Promise<{ id: string; correlationId: string | null }> {
    const response = await fetch(`${stack.url}/v2/sandboxes/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...headers },
      body: JSON.stringify({ name: `obs-${randomUUID().slice(0, 8)}`, docker_image: docker.baseImage, fs_capacity_bytes: 1024 ** 3 }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    return { id, correlationId: response.headers.get('x-correlation-id') };
  }

  async function ready(id: string): Promise<void> {
    await until(`snapshot ${id} to be built`, async () => {
      const response = await fetch(`${stack.url}/v2/sandboxes/snapshots/${id}`, { headers: { 'x-api-key': apiKey } });
      const { status } = (await response.json()) as { status: string };
      if (status === 'failed') throw new Error(`snapshot ${id} failed to build`);
      return status === 'ready' ? true : undefined;
    });
  }

  async function opsUrls(): Promise<Record<string, string>> {
    const health = (await (await fetch(`${stack.url}/healthz`)).json()) as { services: Record<string, HealthReply> };
    return Object.fromEntries(Object.values(health.services).map((reply) => [reply.service, reply.opsUrl as string]));
  }

  /** The value of one sample of a Prometheus text exposition, e.g. `snapforge_snapshots{status="ready"`. */
  function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  it("carries one request's correlation id into the gateway's, the orchestrator's and the builder's log lines", async () => {
    const correlationId = `e2e-${randomUUID()}`;
    const snapshot = await createSnapshot({ 'x-correlation-id': correlationId });
    expect(snapshot.correlationId).toBe(correlationId);
    await ready(snapshot.id);

    const services = ['api-gateway', 'snapshot-orchestrator', 'builder-agent'];
    const tagged = await until('log lines of the three services with the id', () => {
      const lines = logLines().filter(({ line }) => line.correlationId === correlationId);
      return services.every((service) => lines.some(({ label }) => label === service)) ? lines : undefined;
    });
    for (const { label, line } of tagged) {
      expect(line).toMatchObject({ service: label, level: expect.any(String), instanceId: expect.stringMatching(new RegExp(`^${label}-`)) });
      expect(Date.parse(line.time)).not.toBeNaN();
    }
    expect(tagged.some(({ label, line }) => label === 'builder-agent' && line.msg.includes(snapshot.id))).toBe(true);
    expect(tagged.some(({ label, line }) => label === 'api-gateway' && line.msg.startsWith('POST /v2/sandboxes/snapshots 201'))).toBe(true);
    // Every line of every service is JSON, Nest's own included.
    const unparsed = stack.logs().split('\n').filter((text) => text.length > 0 && !/^\[[^\]]+\] \{.*\}$/.test(text));
    expect(unparsed).toEqual([]);
  });

  it('answers a request without a valid correlation id with a new one, used the same way', async () => {
    const snapshot = await createSnapshot({ 'x-correlation-id': 'not valid!' });
    expect(snapshot.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await ready(snapshot.id);
    await until('the builder to log under the new id', () =>
      logLines().some(({ label, line }) => label === 'builder-agent' && line.correlationId === snapshot.correlationId) ? true : undefined,
    );
  });

  it('counts snapshots, builds and appends in the metrics of the orchestrator and the builder', async () => {
    const urls = await opsUrls();
    const orchestrator = await (await fetch(`${urls['snapshot-orchestrator']}/metrics`)).text();
    const builder = await (await fetch(`${urls['builder-agent']}/metrics`)).text();

    expect(sample(orchestrator, 'snapforge_snapshots', { service: 'snapshot-orchestrator', status: 'ready' })).toBeGreaterThanOrEqual(2);
    expect(sample(orchestrator, 'snapforge_event_store_append_seconds_count', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(orchestrator, 'snapforge_projection_lag_events', { projection: 'snapshots' })).toBeGreaterThanOrEqual(0);
    expect(orchestrator).toContain('# TYPE snapforge_snapshot_jobs gauge');
    expect(orchestrator).toContain('# TYPE snapforge_sandboxes gauge');
    expect(sample(builder, 'snapforge_build_duration_seconds_count', { service: 'builder-agent', outcome: 'built' })).toBeGreaterThanOrEqual(2);
    expect(sample(builder, 'snapforge_build_duration_seconds_sum', { outcome: 'built' })).toBeGreaterThan(0);
    expect(sample(builder, 'process_resident_memory_bytes', { service: 'builder-agent' })).toBeGreaterThan(0);
  });

  it('is ready on every service, each found through its health reply', async () => {
    const urls = await opsUrls();
    expect(Object.keys(urls).sort()).toEqual(['api-gateway', 'builder-agent', 'profile-service', 'sandbox-launcher', 'scheduler', 'snapshot-orchestrator']);
    for (const [service, url] of Object.entries(urls)) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/readyz`);
      const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean }> };
      expect({ service, status: response.status, body: body.status }).toEqual({ service, status: 200, body: 'ready' });
      expect(body.checks['nats']).toEqual({ ok: true });
    }
    // The gateway serves its ops routes on its own port; /healthz keeps its system-wide shape there.
    expect(urls['api-gateway']).toBe(stack.url);
    expect(await (await fetch(`${stack.url}/metrics`)).text()).toMatch(/^process_cpu_user_seconds_total\{service="api-gateway"\} /m);
  });
});

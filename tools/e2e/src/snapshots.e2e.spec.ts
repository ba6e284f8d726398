import { randomUUID } from 'node:crypto';
import { SandboxClient, type Snapshot } from 'langsmith/sandbox';
import { connect } from '@nats-io/transport-node';
import { JetStreamEventStore } from '@snapforge/event-store';
import {
  dockerForTests,
  pushToRegistry,
  startRegistry,
  startServiceStack,
  startTcpProxy,
  type DockerForTests,
  type RegistryHandle,
  type ServiceStack,
} from '@snapforge/testing';

/**
 * Snapshots end to end: the unmodified LangSmith client against the whole system (six processes,
 * a real nats-server, the Docker Engine, a docker-registry with htpasswd on loopback).
 */
describe('snapshots through the LangSmith client', () => {
  let docker: DockerForTests;
  let registry: RegistryHandle;
  let stack: ServiceStack;
  let client: SandboxClient;
  let apiKey: string;
  let privateImage: string;
  const responses: string[] = [];

  beforeAll(async () => {
    docker = await dockerForTests();
    registry = await startRegistry();
    privateImage = await pushToRegistry(docker.docker, registry, docker.baseImage, `e2e/busybox:${randomUUID().slice(0, 8)}`);
    stack = await startServiceStack();
    ({ apiKey } = await stack.createWorkspace('e2e'));
    client = new SandboxClient({ apiEndpoint: `${stack.url}/v2/sandboxes`, apiKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await stack?.stop();
    await registry?.stop();
    await docker?.cleanup();
  });

  /** Raw HTTP for statuses and bodies; every body is kept to check that no secret leaked into one. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
  async function api(path: string, init: RequestInit & { key?: string; idempotencyKey?: string } = {}): Promise<{ status: number; body: any }> {
    const response = await fetch(`${stack.url}${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
        'x-api-key': init.key ?? apiKey,
      },
    });
    const text = await response.text();
    responses.push(text);
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function settled(id: string, key = apiKey): Promise<Snapshot> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { body } = await api(`/v2/sandboxes/snapshots/${id}`, { key });
      if (body.status !== 'building' || Date.now() > deadline) return body as Snapshot;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function requestSnapshot(body: Record<string, unknown>): Promise<Snapshot> {
    const { status, body: created } = await api('/v2/sandboxes/snapshots', { method: 'POST', body: JSON.stringify(body) });
    expect(status).toBe(201);
    expect(created.status).toBe('building');
    return settled(created.id);
  }

  const name = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

  it('builds a snapshot from an image on the host', async () => {
    const snapshot = await client.createSnapshot(name('local'), docker.baseImage, 1024 ** 3, {
      runConfig: { env_vars: { GREETING: 'hello' } },
      timeout: 120,
    });
    expect(snapshot.status).toBe('ready');
    expect(snapshot.image_digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(snapshot.fs_used_bytes).toBeGreaterThan(0);
    expect(snapshot.run_config?.env_vars).toMatchObject({ GREETING: 'hello', PATH: expect.stringContaining('/bin') });
    expect(snapshot.docker_image).toBe(docker.baseImage);
    const image = await docker.docker.getImage(`snapforge/snapshot:${snapshot.id}`).inspect();
    docker.track(docker.docker.getImage(image.Id));
    expect(image.Config.Labels).toMatchObject({ 'io.snapforge.snapshot-id': snapshot.id });
  });

  it('builds a snapshot from a private registry with credentials made through the registries API', async () => {
    const created = await client.registries.create({
      name: name('registry'),
      url: registry.url,
      username: registry.username,
      password: registry.password,
    });
    expect(created).not.toHaveProperty('password');
    expect(JSON.stringify(created)).not.toContain(registry.password);
    const snapshot = await client.createSnapshot(name('private'), privateImage, 1024 ** 3, { registryId: created.id, timeout: 120 });
    expect(snapshot).toMatchObject({ status: 'ready', registry_id: created.id });
    expect(snapshot.image_digest).toMatch(/^sha256:/);
    expect(snapshot.fs_used_bytes).toBeGreaterThan(0);
    expect(snapshot.run_config).toBeDefined();
    docker.track(docker.docker.getImage(`snapforge/snapshot:${snapshot.id}`));
    docker.track(docker.docker.getImage(privateImage));
  });

  it('fails with a reason for a wrong registry password, and never shows the password', async () => {
    const wrongPassword = `wrong-${randomUUID()}`;
    const { body: bad } = await api('/api/v2/sandboxes/registries', {
      method: 'POST',
      body: JSON.stringify({ name: name('bad-registry'), url: registry.url, username: registry.username, password: wrongPassword }),
    });
    const snapshot = await requestSnapshot({ name: name('wrong-password'), docker_image: privateImage, fs_capacity_bytes: 1024 ** 3, registry_id: bad.id });
    expect(snapshot.status).toBe('failed');
    expect(snapshot.status_message).toMatch(/pulling .* failed: .*(unauthorized|authentication|credentials)/i);

    const events = await allEventsText(stack);
    for (const secret of [wrongPassword, registry.password]) {
      expect(stack.logs()).not.toContain(secret);
      expect(events).not.toContain(secret);
      expect(responses.join('\n')).not.toContain(secret);
    }
  });

  it('fails with a reason for an image that exists nowhere', async () => {
    const local = await requestSnapshot({ name: name('missing'), docker_image: `snapforge/missing-${randomUUID().slice(0, 8)}:1`, fs_capacity_bytes: 1024 ** 3 });
    expect(local.status).toBe('failed');
    expect(local.status_message).toMatch(/pulling snapforge\/missing-.* \(it is not on this host\) failed: /);

    const inRegistry = await requestSnapshot({ name: name('missing-remote'), docker_image: `${registry.url}/e2e/absent:1`, fs_capacity_bytes: 1024 ** 3 });
    expect(inRegistry.status).toBe('failed');
    expect(inRegistry.status_message).toContain(`${registry.url}/e2e/absent:1`);
  });

  it('fails an image larger than fs_capacity_bytes, naming both sizes', async () => {
    const { Size } = await docker.docker.getImage(docker.baseImage).inspect();
    const snapshot = await requestSnapshot({ name: name('too-big'), docker_image: docker.baseImage, fs_capacity_bytes: 1000 });
    expect(snapshot.status).toBe('failed');
    expect(snapshot.status_message).toContain(`is ${Size} bytes, larger than fs_capacity_bytes 1000`);
  });

  it('fails a build that outlives its time-out', async () => {
    // A registry that accepts connections and never answers: the pull hangs until the time-out.
    const silent = await startTcpProxy({ host: '127.0.0.1', port: registry.port }, { hold: true });
    try {
      const snapshot = await requestSnapshot({
        name: name('slow'),
        docker_image: `${silent.address}/e2e/busybox:1`,
        fs_capacity_bytes: 1024 ** 3,
        build_timeout_seconds: 2,
      });
      expect(snapshot.status).toBe('failed');
      expect(snapshot.status_message).toMatch(/build timed out after 2 s while pulling/);
    } finally {
      await silent.stop();
    }
  });

  it('streams the build output', async () => {
    const snapshot = await client.createSnapshot(name('output'), docker.baseImage, 1024 ** 3, { timeout: 120 });
    docker.track(docker.docker.getImage(`snapforge/snapshot:${snapshot.id}`));
    const response = await fetch(`${stack.url}/v1/snapshots/${snapshot.id}/output?follow=true`, { headers: { 'x-api-key': apiKey } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain(`Using ${docker.baseImage}, already on this host`);
    expect(text).toContain(`Snapshot ${snapshot.id} is ready`);
  });

  it('answers 409 for a duplicate name, 422 for bad paging, 404 for unknown and deleted snapshots', async () => {
    const taken = name('dup');
    const first = await requestSnapshot({ name: taken, docker_image: docker.baseImage, fs_capacity_bytes: 1024 ** 3 });
    docker.track(docker.docker.getImage(`snapforge/snapshot:${first.id}`));
    const duplicate = await api('/v2/sandboxes/snapshots', { method: 'POST', body: JSON.stringify({ name: taken, docker_image: docker.baseImage, fs_capacity_bytes: 1 }) });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toMatchObject({ error: 'SNAPSHOT_NAME_TAKEN', message: expect.stringContaining(taken) });

    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['offset=-1', 'offset'],
    ] as const) {
      const { status, body } = await api(`/v2/sandboxes/snapshots?${query}`);
      expect(status).toBe(422);
      expect(body.detail[0]).toMatchObject({ loc: ['query', field], type: 'value_error' });
    }
    const missingField = await api('/v2/sandboxes/snapshots', { method: 'POST', body: JSON.stringify({ name: 'x', fs_capacity_bytes: 1 }) });
    expect(missingField.status).toBe(422);
    expect(missingField.body.detail.map((d: { loc: string[] }) => d.loc.join('.'))).toContain('body.docker_image');

    expect((await api(`/v2/sandboxes/snapshots/${randomUUID()}`)).status).toBe(404);
    await client.deleteSnapshot(first.id);
    expect((await api(`/v2/sandboxes/snapshots/${first.id}`)).status).toBe(404);
    // The name is free again once its snapshot is gone.
    const again = await api('/v2/sandboxes/snapshots', { method: 'POST', body: JSON.stringify({ name: taken, docker_image: docker.baseImage, fs_capacity_bytes: 1024 ** 3 }) });
    expect(again.status).toBe(201);
    docker.track(docker.docker.getImage(`snapforge/snapshot:${(await settled(again.body.id)).id}`));
  });

  it('answers a retried create with the same Idempotency-Key with the original snapshot', async () => {
    const body = JSON.stringify({ name: name('retried'), docker_image: docker.baseImage, fs_capacity_bytes: 1024 ** 3 });
    const idempotencyKey = randomUUID();
    const [first, second] = await Promise.all([
      api('/v2/sandboxes/snapshots', { method: 'POST', body, idempotencyKey }),
      api('/v2/sandboxes/snapshots', { method: 'POST', body, idempotencyKey }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    const third = await api('/v2/sandboxes/snapshots', { method: 'POST', body, idempotencyKey });
    expect(third.body.id).toBe(first.body.id);
    docker.track(docker.docker.getImage(`snapforge/snapshot:${(await settled(first.body.id)).id}`));
  });

  it('lists newest first with name filter and paging, scoped to the workspace', async () => {
    const tag = randomUUID().slice(0, 6);
    const made: Snapshot[] = [];
    for (const n of ['Alpha', 'beta', 'gamma']) {
      const snapshot = await requestSnapshot({ name: `${n}-${tag}`, docker_image: docker.baseImage, fs_capacity_bytes: 1024 ** 3 });
      docker.track(docker.docker.getImage(`snapforge/snapshot:${snapshot.id}`));
      made.push(snapshot);
    }
    const filtered = await client.listSnapshots({ nameContains: `A-${tag}`.toLowerCase() });
    expect(filtered.map((s) => s.name)).toEqual([`gamma-${tag}`, `beta-${tag}`, `Alpha-${tag}`].filter((n) => n.toLowerCase().includes(`a-${tag}`)));
    const [alpha, beta] = made as [Snapshot, Snapshot, Snapshot];
    const page = await client.listSnapshots({ nameContains: tag, limit: 1, offset: 1 });
    expect(page.map((s) => s.id)).toEqual([beta.id]);

    const other = await stack.createWorkspace('other');
    const outsider = new SandboxClient({ apiEndpoint: `${stack.url}/v2/sandboxes`, apiKey: other.apiKey, maxRetries: 0 });
    expect(await outsider.listSnapshots()).toEqual([]);
    expect((await api(`/v2/sandboxes/snapshots/${alpha.id}`, { key: other.apiKey })).status).toBe(404);
    expect((await api(`/v2/sandboxes/snapshots/${alpha.id}`, { method: 'DELETE', key: other.apiKey })).status).toBe(404);
    expect((await api('/v2/sandboxes/snapshots', { key: 'sf_not-a-key' })).status).toBe(401);
  });
});

/** Every stored event as text, read straight from the stack's JetStream event store. */
async function allEventsText(stack: ServiceStack): Promise<string> {
  const nc = await connect({ servers: stack.nats.url });
  try {
    const store = await JetStreamEventStore.create(nc);
    const events: unknown[] = [];
    for await (const event of store.readAll()) events.push(event);
    expect(events.length).toBeGreaterThan(0);
    return JSON.stringify(events);
  } finally {
    await nc.close();
  }
}

import { randomUUID } from 'node:crypto';
import { SandboxClient } from 'langsmith/sandbox';
import { dockerForTests, startServiceStack, type DockerForTests, type ServiceStack } from '@snapforge/testing';

/** Sandboxes ("boxes") through the unmodified LangSmith client: lifecycle, delete protection, capture. */
describe('boxes through the LangSmith client', () => {
  let docker: DockerForTests;
  let stack: ServiceStack;
  let client: SandboxClient;
  let apiKey: string;

  beforeAll(async () => {
    docker = await dockerForTests();
    stack = await startServiceStack();
    ({ apiKey } = await stack.createWorkspace('boxes'));
    client = new SandboxClient({ apiEndpoint: `${stack.url}/v2/sandboxes`, apiKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await stack?.stop();
    await docker?.cleanup();
  });

  const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

  async function api(path: string, init: RequestInit = {}) {
    const response = await fetch(`${stack.url}${path}`, {
      ...init,
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), 'x-api-key': apiKey },
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  it('boots by snapshot id and by name, lists, stops, starts and deletes', async () => {
    const snapshot = await client.createSnapshot(unique('boot'), docker.baseImage, 1024 ** 3, { timeout: 120 });
    const byId = await client.createSandbox(snapshot.id, { name: unique('by-id'), timeout: 60 });
    expect(byId.status).toBe('ready');
    expect(byId.dataplane_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandboxes\//);
    const byName = await client.createSandbox({ snapshotName: snapshot.name, timeout: 60, vCpus: 1, memBytes: 256 * 1024 ** 2 });
    expect(byName.name).toMatch(/^sandbox-/);

    const container = await docker.docker.getContainer(`snapforge-sandbox-${byName.id}`).inspect();
    expect(container.HostConfig).toMatchObject({ NetworkMode: 'none', Memory: 256 * 1024 ** 2, NanoCpus: 1e9, PidsLimit: 1024 });
    expect(container.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(container.Mounts.find((mount) => mount.Destination === '/tmp')?.Type).toBe('volume');
    expect(container.Mounts.some((mount) => mount.Source === '/var/run/docker.sock')).toBe(false);

    const names = (await client.listSandboxes()).map((box) => box.name);
    expect(names).toEqual(expect.arrayContaining([byId.name, byName.name]));
    expect((await client.getSandboxStatus(byId.name)).status).toBe('ready');

    await client.stopSandbox(byId.name);
    expect((await client.getSandbox(byId.name)).status).toBe('stopped');
    expect((await docker.docker.getContainer(`snapforge-sandbox-${byId.id}`).inspect()).State.Running).toBe(false);
    const restarted = await client.startSandbox(byId.name, { timeout: 60 });
    expect(restarted.status).toBe('ready');

    // Delete protection: the snapshot is referenced by both boxes.
    const refused = await api(`/v2/sandboxes/snapshots/${snapshot.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain(byId.id);

    await client.deleteSandbox(byId.name);
    await client.deleteSandbox(byName.name);
    expect((await api(`/v2/sandboxes/boxes/${byId.name}`)).status).toBe(404);
    await expect(docker.docker.getContainer(`snapforge-sandbox-${byId.id}`).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await client.deleteSnapshot(snapshot.id);
    expect((await api(`/v2/sandboxes/snapshots/${snapshot.id}`)).status).toBe(404);
  });

  it('boots the default snapshot when none is named, and refuses both id and name', async () => {
    const box = await client.createSandbox({ timeout: 60 });
    expect(box.status).toBe('ready');
    await client.deleteSandbox(box.name);
    const both = await api('/v2/sandboxes/boxes', { method: 'POST', body: JSON.stringify({ snapshot_id: randomUUID(), snapshot_name: 'x' }) });
    expect(both.status).toBe(422);
  });

  it('never leaves a box on a deleted snapshot when a delete races box creations', async () => {
    for (let round = 0; round < 4; round++) {
      const snapshot = await client.createSnapshot(unique('race'), docker.baseImage, 1024 ** 3, { timeout: 120 });
      const [deletion, ...creations] = await Promise.all([
        api(`/v2/sandboxes/snapshots/${snapshot.id}`, { method: 'DELETE' }),
        ...[1, 2].map(() => api('/v2/sandboxes/boxes', { method: 'POST', body: JSON.stringify({ snapshot_id: snapshot.id, timeout: 60 }) })),
      ]);
      const boxes = creations.filter((creation) => creation.status === 201).map((creation) => creation.body as { name: string });
      if (deletion.status === 204) {
        // The delete won: no box may exist on the snapshot.
        expect(boxes).toEqual([]);
        for (const creation of creations) expect([404, 409]).toContain(creation.status);
      } else {
        expect(deletion.status).toBe(409);
        expect(boxes.length).toBeGreaterThan(0);
        for (const box of boxes) await client.deleteSandbox(box.name);
        await client.deleteSnapshot(snapshot.id);
      }
      expect((await api(`/v2/sandboxes/snapshots/${snapshot.id}`)).status).toBe(404);
    }
  });

  it('deletes a box that is still provisioning', async () => {
    const created = await api('/v2/sandboxes/boxes', { method: 'POST', body: JSON.stringify({ wait_for_ready: false }) });
    expect(created.status).toBe(201);
    const { name, id } = created.body as { name: string; id: string };
    expect((await api(`/v2/sandboxes/boxes/${name}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/v2/sandboxes/boxes/${name}`)).status).toBe(404);
    await expect(docker.docker.getContainer(`snapforge-sandbox-${id}`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('answers 409 for a taken box name and 404 for an unknown snapshot', async () => {
    const name = unique('taken');
    const box = await client.createSandbox({ name, timeout: 60 });
    expect((await api('/v2/sandboxes/boxes', { method: 'POST', body: JSON.stringify({ name }) })).status).toBe(409);
    expect((await api('/v2/sandboxes/boxes', { method: 'POST', body: JSON.stringify({ snapshot_id: randomUUID() }) })).status).toBe(404);
    await client.deleteSandbox(box.name);
  });
});

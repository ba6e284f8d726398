import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SandboxClient } from 'langsmith/sandbox';
import { dockerForTests, runSnapforgeCli, startServiceStack, tempDir, type DockerForTests, type ServiceStack } from '@snapforge/testing';
import { settledVersion, workspaceApi, type Json } from './workspace-api.js';

/**
 * Moving an installation: every event exported from one stack's JetStream store, imported into a
 * fresh, empty one, and a new stack started on it answers as the first did, with read models that
 * `replay verify` finds equal to a replay of the imported events.
 */
describe('replay export, import into a fresh store, verify', () => {
  let docker: DockerForTests;
  let source: ServiceStack | undefined;
  let target: ServiceStack | undefined;
  let dir: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    docker = await dockerForTests();
    dir = await tempDir('export');
  });

  afterAll(async () => {
    await target?.stop();
    await source?.stop();
    await dir?.remove();
    await docker?.cleanup();
  });

  const snapshotFacts = (page: Json) =>
    (page.snapshots as Json[]).map(({ id, name, status, image_digest, fs_used_bytes }) => ({ id, name, status, image_digest, fs_used_bytes }));

  it('exports a working stack, imports it into an empty store, and a stack on that store verifies equal', async () => {
    source = await startServiceStack();
    const { apiKey } = await source.createWorkspace('export');
    const onSource = workspaceApi(source.url, apiKey);
    const client = new SandboxClient({ apiEndpoint: `${source.url}/v2/sandboxes`, apiKey, maxRetries: 0 });
    const snapshot = await client.createSnapshot(`moved-${randomUUID().slice(0, 8)}`, docker.baseImage, 1024 ** 3, { timeout: 120 });
    expect(snapshot.status).toBe('ready');
    await client.registries.create({ name: `registry-${randomUUID().slice(0, 8)}`, url: '127.0.0.1:5999', username: 'u', password: 'never-shown' });
    const box = await client.createSandbox(snapshot.id, { timeout: 60 });
    await client.stopSandbox(box.name);
    const profile = (await onSource('POST', '/v1/profiles', { name: `moved-${randomUUID().slice(0, 8)}` })).body;
    await onSource('PUT', `/v1/profiles/${profile.id}/draft`, { base_image: docker.baseImage, setup_script: 'echo moved > /moved' });
    expect((await onSource('POST', `/v1/profiles/${profile.id}/publish`)).status).toBe(201);
    const version = await settledVersion(onSource, profile.id, 1);
    expect(version.usable).toBe(true);
    const snapshotsBefore = snapshotFacts((await onSource('GET', '/v2/sandboxes/snapshots?limit=500')).body);

    const file = join(dir.path, 'events.ndjson');
    const exported = await runSnapforgeCli(['replay', 'export', file], { SNAPFORGE_NATS_URL: source.nats.url });
    expect(exported).toMatchObject({ code: 0 });
    const exportedCount = Number(/exported (\d+) events of \d+ streams/.exec(exported.stderr + exported.stdout)?.[1]);
    expect(exportedCount).toBeGreaterThan(20);
    // The source goes first: one launcher per Docker host, and the target's takes over this one.
    await source.stop();
    source = undefined;

    let imported: Awaited<ReturnType<typeof runSnapforgeCli>> | undefined;
    target = await startServiceStack({
      beforeServices: async (nats) => {
        imported = await runSnapforgeCli(['replay', 'import', file], { SNAPFORGE_NATS_URL: nats.url });
      },
    });
    expect(imported).toMatchObject({ code: 0 });
    const onTarget = workspaceApi(target.url, apiKey);
    expect(Number(/imported (\d+) events of \d+ streams/.exec(`${imported?.stderr}${imported?.stdout}`)?.[1])).toBe(exportedCount);

    const verified = await runSnapforgeCli(['replay', 'verify', '--json'], { SNAPFORGE_NATS_URL: target.nats.url });
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(verified.stdout) as { equal: boolean; projections: { projection: string; replayedEvents: number }[] };
    expect(report.equal).toBe(true);
    expect(report.projections).toHaveLength(9);
    expect(Math.min(...report.projections.map((projection) => projection.replayedEvents))).toBeGreaterThanOrEqual(exportedCount);

    // The same API key, the same snapshots, the same usable profile version: the installation moved.
    expect(snapshotFacts((await onTarget('GET', '/v2/sandboxes/snapshots?limit=500')).body)).toEqual(snapshotsBefore);
    const moved = (await onTarget('GET', `/v1/profiles/${profile.id}/versions/1`)).body;
    expect(moved).toMatchObject({ usable: true, current_snapshot: { image_digest: version.current_snapshot.image_digest } });
  });
});

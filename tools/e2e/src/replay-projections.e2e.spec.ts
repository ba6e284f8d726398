import { randomUUID } from 'node:crypto';
import { SandboxClient } from 'langsmith/sandbox';
import { dockerForTests, runSnapforgeCli, startServiceStack, type DockerForTests, type ServiceStack } from '@snapforge/testing';
import { settledVersion, workspaceApi, type WorkspaceApi } from './workspace-api.js';

interface VerifyReport {
  equal: boolean;
  projections: Array<{ service: string; instanceId: string; projection: string; differences: unknown[]; replayedEvents: number }>;
}

/** The projections each service keeps: what verify must list. */
const PROJECTIONS_BY_SERVICE = {
  'api-gateway': ['workspaces'],
  'profile-service': ['profiles'],
  'sandbox-launcher': ['sandboxes', 'workspaces'],
  scheduler: ['profiles'],
  'snapshot-orchestrator': ['profiles', 'registries', 'sandboxes', 'snapshots'],
};

/**
 * `snapforge replay verify|rebuild` as an operator runs them, against the whole system after real
 * work through the API: a workspace, a snapshot built on the Docker Engine, a box booted from it.
 */
describe('replay verify and rebuild against a running stack', () => {
  let docker: DockerForTests;
  let stack: ServiceStack;
  let client: SandboxClient;
  let apiKey: string;
  let api: WorkspaceApi;

  const snapforge = (...args: string[]) => runSnapforgeCli(args, { SNAPFORGE_NATS_URL: stack.nats.url });

  async function verifiedEqual(): Promise<VerifyReport> {
    const run = await snapforge('replay', 'verify', '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(run.stdout) as VerifyReport;
    expect(report.equal).toBe(true);
    return report;
  }

  beforeAll(async () => {
    docker = await dockerForTests();
    stack = await startServiceStack();
    ({ apiKey } = await stack.createWorkspace('replay'));
    api = workspaceApi(stack.url, apiKey);
    client = new SandboxClient({ apiEndpoint: `${stack.url}/v2/sandboxes`, apiKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await stack?.stop();
    await docker?.cleanup();
  });

  let boxName: string;

  it('does real work through the API first: every kind of resource, created, changed and deleted', async () => {
    const snapshot = await client.createSnapshot(`replay-${randomUUID().slice(0, 8)}`, docker.baseImage, 1024 ** 3, { timeout: 120 });
    expect(snapshot.status).toBe('ready');
    const box = await client.createSandbox(snapshot.id, { timeout: 60 });
    expect(box.status).toBe('ready');
    boxName = box.name;
    await client.stopSandbox(box.name);
    expect((await client.startSandbox(box.name, { timeout: 60 })).status).toBe('ready');

    // A capture, then a box of it deleted, then the captured snapshot deleted: references come and go.
    const captured = await api('POST', `/v2/sandboxes/boxes/${box.name}/snapshot`, { name: `captured-${randomUUID().slice(0, 8)}` });
    expect(captured.status).toBeLessThan(300);
    expect(await settledSnapshot(captured.body.id)).toBe('ready');
    const fromCapture = await client.createSandbox(captured.body.id, { timeout: 60 });
    await client.deleteSandbox(fromCapture.name);
    expect((await api('DELETE', `/v2/sandboxes/snapshots/${captured.body.id}`)).status).toBeLessThan(300);

    const registry = await client.registries.create({ name: `registry-${randomUUID().slice(0, 8)}`, url: '127.0.0.1:5999', username: 'u', password: 'p' });
    expect((await api('PATCH', `/api/v2/sandboxes/registries/${registry.name}`, { name: `renamed-${randomUUID().slice(0, 8)}` })).status).toBe(200);

    const profile = (await api('POST', '/v1/profiles', { name: `replay-${randomUUID().slice(0, 8)}` })).body;
    await api('PUT', `/v1/profiles/${profile.id}/draft`, { base_image: docker.baseImage, setup_script: 'echo replayed > /replayed' });
    expect((await api('POST', `/v1/profiles/${profile.id}/publish`)).status).toBe(201);
    expect((await settledVersion(api, profile.id, 1)).usable).toBe(true);
  });

  async function settledSnapshot(id: string): Promise<string> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await api('GET', `/v2/sandboxes/snapshots/${id}`);
      if (body.status !== 'building' || Date.now() > deadline) return body.status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('verifies every projection of every service against a replay of the event store', async () => {
    const text = await snapforge('replay', 'verify');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/Compared 9 projections on 5 instances with a replay of the event store: all equal\./);

    const report = await verifiedEqual();
    const listed: Record<string, string[]> = {};
    for (const { service, projection, differences, replayedEvents } of report.projections) {
      (listed[service] ??= []).push(projection);
      expect(differences).toEqual([]);
      expect(replayedEvents).toBeGreaterThan(0);
      expect(text.stdout).toMatch(new RegExp(`equal\\s+${service}\\s+${service}-\\w+\\s+${projection}\\s`));
    }
    for (const projections of Object.values(listed)) projections.sort();
    expect(listed).toEqual(PROJECTIONS_BY_SERVICE);
  });

  it('rebuilds every projection on every instance, after which the system answers and verify still passes', async () => {
    const rebuilt = await snapforge('replay', 'rebuild');
    expect(rebuilt).toMatchObject({ code: 0, stderr: '' });
    expect(rebuilt.stdout).toContain('Rebuilt 9 projections on 5 instances.');
    expect(rebuilt.stdout).toMatch(/snapshot-orchestrator snapshot-orchestrator-\w+ snapshots: rebuilt from \d+ events in/);

    expect((await client.getSandbox(boxName)).status).toBe('ready');
    await verifiedEqual();
  });

  it('rebuilds one projection by name, and refuses an unknown one listing the known ones', async () => {
    const one = await snapforge('replay', 'rebuild', 'sandboxes');
    expect(one).toMatchObject({ code: 0, stderr: '' });
    expect(one.stdout).toContain('Rebuilt 2 projections on 2 instances.');

    const unknown = await snapforge('replay', 'rebuild', 'boxes');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown projection 'boxes': the projections are profiles, registries, sandboxes, snapshots, workspaces");
  });
});

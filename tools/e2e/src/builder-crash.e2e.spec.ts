import { randomUUID } from 'node:crypto';
import type { Snapshot } from 'langsmith/sandbox';
import {
  dockerForTests,
  pushToRegistry,
  startRegistry,
  startServiceStack,
  startTcpProxy,
  stopChild,
  type DockerForTests,
  type RegistryHandle,
  type RunningService,
  type ServiceStack,
  type TcpProxy,
} from '@snapforge/testing';

const ACK_WAIT_MS = 2_000;

/**
 * A builder agent killed with SIGKILL in the middle of a build (its pull held open by a proxy that
 * does not answer yet): the snapshot must still end `ready` or `failed`, never stay `building`.
 */
describe('a builder agent killed mid-build', () => {
  let docker: DockerForTests;
  let registry: RegistryHandle;
  let stack: ServiceStack;
  let apiKey: string;
  let repository: string;
  const agents: RunningService[] = [];
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    docker = await dockerForTests();
    registry = await startRegistry();
    const pushed = await pushToRegistry(docker.docker, registry, docker.baseImage, `e2e/crash:${randomUUID().slice(0, 8)}`);
    repository = pushed.slice(registry.url.length + 1);
    stack = await startServiceStack({
      services: ['api-gateway', 'snapshot-orchestrator', 'profile-service', 'sandbox-launcher', 'scheduler'],
      env: { SNAPFORGE_BUILD_ACK_WAIT_MS: String(ACK_WAIT_MS), SNAPFORGE_BUILD_QUEUE_GRACE_SECONDS: '1' },
    });
    ({ apiKey } = await stack.createWorkspace('crash'));
  });

  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    await stack?.stop();
    // What the agents pulled through the proxies is named after them, and carries no test label.
    for (const proxy of proxies) docker?.track(docker.docker.getImage(`${proxy.address}/${repository}`));
    await registry?.stop();
    await docker?.cleanup();
  });

  async function api(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${stack.url}${path}`, { ...init, headers: { 'content-type': 'application/json', 'x-api-key': apiKey } });
  }

  /** A snapshot whose pull hangs on a silent proxy in front of the registry, until the proxy is released. */
  async function snapshotBehindHeldProxy(buildTimeoutSeconds: number): Promise<{ id: string; proxy: TcpProxy }> {
    const proxy = await startTcpProxy({ host: registry.host, port: registry.port }, { hold: true });
    proxies.push(proxy);
    const created = await api('/api/v2/sandboxes/registries', {
      method: 'POST',
      body: JSON.stringify({ name: `held-${randomUUID().slice(0, 8)}`, url: proxy.address, username: registry.username, password: registry.password }),
    });
    const { id: registryId } = (await created.json()) as { id: string };
    const response = await api('/v2/sandboxes/snapshots', {
      method: 'POST',
      body: JSON.stringify({
        name: `crash-${randomUUID().slice(0, 8)}`,
        docker_image: `${proxy.address}/${repository}`,
        fs_capacity_bytes: 1024 ** 3,
        registry_id: registryId,
        build_timeout_seconds: buildTimeoutSeconds,
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    return { id, proxy };
  }

  async function output(id: string): Promise<string> {
    return (await api(`/v1/snapshots/${id}/output`)).text();
  }

  async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function settled(id: string): Promise<Snapshot> {
    return until(async () => {
      const snapshot = (await (await api(`/v2/sandboxes/snapshots/${id}`)).json()) as Snapshot;
      return snapshot.status === 'building' ? undefined : snapshot;
    }, `snapshot ${id} to settle`);
  }

  async function killMidPull(agent: RunningService, id: string): Promise<void> {
    await until(async () => ((await output(id)).includes('Pulling') ? true : undefined), 'the agent to start pulling');
    const exited = new Promise((resolve) => agent.process.once('exit', resolve));
    agent.process.kill('SIGKILL');
    await exited;
  }

  it('hands the job to another agent, which finishes it', async () => {
    const first = await stack.startService('builder-agent', {}, 'builder-a');
    agents.push(first);
    const { id, proxy } = await snapshotBehindHeldProxy(120);
    await killMidPull(first, id);
    proxy.release();
    agents.push(await stack.startService('builder-agent', {}, 'builder-b'));

    const snapshot = await settled(id);
    expect(snapshot.status).toBe('ready');
    expect(await output(id)).toContain('Attempt 2: the agent that had this build stopped before finishing it');
  });

  it('fails the build within a bounded time when no agent is left', async () => {
    await Promise.all(agents.splice(0).map((agent) => stopChild(agent.process)));
    const last = await stack.startService('builder-agent', {}, 'builder-c');
    const buildTimeoutSeconds = 2;
    const { id } = await snapshotBehindHeldProxy(buildTimeoutSeconds);
    await killMidPull(last, id);

    const snapshot = await settled(id);
    expect(snapshot.status).toBe('failed');
    expect(snapshot.status_message).toMatch(/no builder agent finished the build within \d+ s|abandoned/);
  });
});

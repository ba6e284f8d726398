import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Docker from 'dockerode';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SERVICE_NAMES, SYSTEM_WORKSPACE_ID, workspaceRpc, type CreatedWorkspace, type ServiceName } from '@snapforge/contracts';
import { freePort } from './free-port.js';
import { stopChild } from './listening-process.js';
import { startNatsServer, type NatsServerHandle } from './nats-server.js';
import { onCleanup } from './test-resources.js';
import { buildWorkspaceOnce, workspaceRoot } from './workspace-build.js';

export interface RunningService {
  readonly name: string;
  readonly process: ChildProcess;
}

export interface ServiceStack {
  /** Gateway base URL, e.g. http://127.0.0.1:PORT */
  readonly url: string;
  readonly nats: NatsServerHandle;
  readonly env: Readonly<Record<string, string>>;
  /** Everything every service printed so far (to look for secrets that must not be there). */
  logs(): string;
  /** Starts one more process of a service (a second builder agent, say), with extra environment. */
  startService(service: ServiceName, extraEnv?: Record<string, string>, label?: string): Promise<RunningService>;
  /** A new workspace and its API key, made the way the CLI makes them. */
  createWorkspace(name: string): Promise<CreatedWorkspace>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Services to start (default: all six). */
  services?: readonly ServiceName[];
  env?: Record<string, string>;
  /** Runs once the stack's nats-server is up and before any service starts: to seed its event store, say. */
  beforeServices?: (nats: NatsServerHandle) => Promise<void>;
}

/**
 * The whole system as separate processes from `dist/`, on an isolated nats-server, the way
 * `npm start` runs it: what end-to-end tests talk to. Builds first, so `dist/` matches the sources.
 */
export async function startServiceStack(options: StackOptions = {}): Promise<ServiceStack> {
  buildWorkspaceOnce();
  const nats = await startNatsServer();
  const port = await freePort();
  const env: Record<string, string> = {
    SNAPFORGE_NATS_URL: nats.url,
    SNAPFORGE_HTTP_HOST: '127.0.0.1',
    SNAPFORGE_HTTP_PORT: String(port),
    SNAPFORGE_DATAPLANE_PORT: String(await freePort()),
    SNAPFORGE_HOST_ID: 'host-a',
    SNAPFORGE_SECRET_KEY: randomBytes(32).toString('base64'),
    // Any free port for each service's ops server: several stacks (and extra agents) share one machine.
    SNAPFORGE_OPS_PORT: '0',
    ...options.env,
  };
  const output: string[] = [];
  const children = new Set<ChildProcess>();
  const exits: string[] = [];
  let nc: NatsConnection | undefined;

  const workspaceIds: string[] = [];
  const startedAt = Math.floor(Date.now() / 1000);

  const stopAll = async () => {
    await Promise.all([...children].map((child) => stopChild(child)));
    await nc?.close();
    await nats.stop();
    await removeWorkspaceImages(workspaceIds);
    await removeSnapshotImagesSince(startedAt);
    await removeRegistryTags(env['SNAPFORGE_IMAGE_REGISTRY']);
  };
  const release = onCleanup(stopAll);

  const startService = async (service: ServiceName, extraEnv: Record<string, string> = {}, label: string = service) => {
    const child = spawn(process.execPath, [join(workspaceRoot, 'dist/apps', service, 'src/main.js')], {
      cwd: workspaceRoot,
      env: { ...process.env, ...env, ...extraEnv, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    child.once('exit', (code, signal) => {
      children.delete(child);
      exits.push(`${label} exited (${signal ?? code})`);
    });
    const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean).map((line) => `[${label}] ${line}`));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    return { name: label, process: child };
  };

  try {
    await options.beforeServices?.(nats);
    for (const service of options.services ?? SERVICE_NAMES) await startService(service);
    const url = `http://127.0.0.1:${port}`;
    const services = options.services ?? SERVICE_NAMES;
    if (services.includes('api-gateway')) await waitForHealthy(url, services, () => exits, () => output.join('\n'));
    nc = await connect({ servers: nats.url });
    const operator = nc;
    return {
      url,
      nats,
      env,
      logs: () => output.join('\n'),
      startService,
      createWorkspace: async (name) => {
        const created = await operatorRequest<CreatedWorkspace>(operator, workspaceRpc.create.subject, { name });
        workspaceIds.push(created.workspaceId);
        return created;
      },
      stop: release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * One request in the framing of Nest's NATS transport. The harness cannot use the messaging lib's
 * RpcClient: messaging's own tests depend on this lib, and libs must not depend on each other in a circle.
 */
async function operatorRequest<Reply>(nc: NatsConnection, subject: string, data: unknown): Promise<Reply> {
  const reply = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 10_000 });
  const { response, err } = reply.json<{ response?: Reply; err?: { code?: string; message?: string } }>();
  if (err) throw new Error(`${subject} failed: ${err.code ?? ''} ${err.message ?? JSON.stringify(err)}`);
  return response as Reply;
}

/**
 * Sandbox containers, their /tmp volumes and snapshot images carry their workspace's id: whatever
 * the stack made for its workspaces goes, containers first so their images can go too.
 */
async function removeWorkspaceImages(workspaceIds: readonly string[]): Promise<void> {
  const docker = new Docker();
  for (const workspaceId of workspaceIds) {
    const filters = { label: [`io.snapforge.workspace-id=${workspaceId}`] };
    for (const container of await docker.listContainers({ all: true, filters })) {
      await docker.getContainer(container.Id).remove({ force: true, v: true }).catch(() => undefined);
    }
    const { Volumes } = await docker.listVolumes({ filters });
    for (const volume of Volumes ?? []) await docker.getVolume(volume.Name).remove().catch(() => undefined);
    for (const image of await docker.listImages({ filters })) await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  }
}

/** The system workspace's snapshot images this stack built (the default snapshot). */
async function removeSnapshotImagesSince(startedAtSeconds: number): Promise<void> {
  const docker = new Docker();
  const images = await docker.listImages({ filters: { label: [`io.snapforge.workspace-id=${SYSTEM_WORKSPACE_ID}`] } });
  for (const image of images.filter((candidate) => candidate.Created >= startedAtSeconds)) {
    await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  }
}

/**
 * Tags in the image registry the stack's services pushed to (its own, one per test): the default
 * snapshot image is the same image in every stack, so its tags there would pile up on the host.
 */
async function removeRegistryTags(registryHost: string | undefined): Promise<void> {
  if (!registryHost) return;
  const docker = new Docker();
  for (const image of await docker.listImages()) {
    for (const tag of image.RepoTags ?? []) {
      if (tag.startsWith(`${registryHost}/`)) await docker.getImage(tag).remove().catch(() => undefined);
    }
  }
}

/** Until the gateway reports every service this stack started as healthy (others may be missing on purpose). */
async function waitForHealthy(
  url: string,
  services: readonly ServiceName[],
  exits: () => string[],
  logs: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (exits().length > 0) throw new Error(`a service stopped while the stack started: ${exits().join(', ')}\n--- service output ---\n${logs().slice(-8000)}`);
    try {
      const response = await fetch(`${url}/healthz`);
      last = await response.text();
      const health = JSON.parse(last) as { services: Record<string, { status: string }> };
      if (services.every((service) => health.services[service]?.status === 'ok')) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the stack did not become healthy within ${timeoutMs} ms: ${last}\n--- service output ---\n${logs().slice(-8000)}`);
}

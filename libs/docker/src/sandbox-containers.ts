import type Docker from 'dockerode';
import { engineStatus } from './docker-errors.js';

export const SANDBOX_LABELS = { sandbox: 'io.snapforge.sandbox-id', workspace: 'io.snapforge.workspace-id' } as const;

/** How one sandbox's container is made. */
export interface SandboxContainerSpec {
  sandboxId: string;
  workspaceId: string;
  image: string;
  vcpus?: number;
  memBytes?: number;
  user?: string;
  workDir?: string;
  env?: Readonly<Record<string, string>>;
}

/** Also for the one-off containers of setup-script builds: they run user code just as sandboxes do. */
export const PIDS_LIMIT = 1024;
// Docker's default set minus what a sandbox without a network or devices has no use for.
export const DROPPED_CAPABILITIES = ['NET_RAW', 'NET_BIND_SERVICE', 'MKNOD', 'AUDIT_WRITE', 'SETFCAP'];
// The sandbox lives as long as this loop; TERM ends it at once instead of after a kill time-out.
export const KEEP_ALIVE = 'trap "exit 0" TERM INT; while :; do sleep 3600 & wait $!; done';

/**
 * Sandbox containers on one Docker Engine, by sandbox id. `/tmp` is a per-sandbox volume: it survives
 * stop/start like the rest of the filesystem, and `docker commit` (capture) leaves it out, as users
 * expect of /tmp.
 */
export class SandboxContainers {
  constructor(private readonly docker: Docker) {}

  static containerName(sandboxId: string): string {
    return `snapforge-sandbox-${sandboxId}`;
  }

  static tmpVolumeName(sandboxId: string): string {
    return `snapforge-sandbox-${sandboxId}-tmp`;
  }

  /** Creates the container if it does not exist and starts it if it is not running; idempotent. */
  async ensureRunning(spec: SandboxContainerSpec): Promise<string> {
    const existing = await this.inspect(spec.sandboxId);
    if (existing?.State.Running) return existing.Id;
    const id = existing?.Id ?? (await this.create(spec));
    await this.docker.getContainer(id).start();
    return id;
  }

  async stop(sandboxId: string): Promise<void> {
    const existing = await this.inspect(sandboxId);
    if (!existing?.State.Running) return;
    await this.docker.getContainer(existing.Id).stop({ t: 5 });
  }

  /** Removes the container and its /tmp volume; a missing one is already removed. */
  async remove(sandboxId: string): Promise<void> {
    const existing = await this.inspect(sandboxId);
    if (existing) await this.docker.getContainer(existing.Id).remove({ force: true, v: true });
    await this.docker
      .getVolume(SandboxContainers.tmpVolumeName(sandboxId))
      .remove()
      .catch((error: unknown) => {
        if (engineStatus(error) !== 404) throw error;
      });
  }

  /** Commits the sandbox's filesystem (not /tmp, not processes) as a new image; returns its id. */
  async commit(sandboxId: string, target: { repo: string; tag: string }, labels: Record<string, string>): Promise<string> {
    const existing = await this.inspect(sandboxId);
    if (!existing) throw new Error(`sandbox ${sandboxId} has no container on this host`);
    const changes = Object.entries(labels).map(([key, value]) => `LABEL ${key}=${JSON.stringify(value)}`);
    const result = (await this.docker.getContainer(existing.Id).commit({ ...target, changes })) as { Id?: string };
    return result.Id ?? (await this.docker.getImage(`${target.repo}:${target.tag}`).inspect()).Id;
  }

  /** Every sandbox container on this engine, running or not, by sandbox and workspace. */
  async list(): Promise<{ sandboxId: string; workspaceId: string }[]> {
    const containers = await this.docker.listContainers({ all: true, filters: { label: [SANDBOX_LABELS.sandbox] } });
    return containers.map((container) => ({
      sandboxId: container.Labels[SANDBOX_LABELS.sandbox] ?? '',
      workspaceId: container.Labels[SANDBOX_LABELS.workspace] ?? '',
    }));
  }

  async inspect(sandboxId: string): Promise<Docker.ContainerInspectInfo | undefined> {
    try {
      return await this.docker.getContainer(SandboxContainers.containerName(sandboxId)).inspect();
    } catch (error) {
      if (engineStatus(error) === 404) return undefined;
      throw error;
    }
  }

  private async create(spec: SandboxContainerSpec): Promise<string> {
    const labels = { [SANDBOX_LABELS.sandbox]: spec.sandboxId, [SANDBOX_LABELS.workspace]: spec.workspaceId };
    await this.docker.createVolume({ Name: SandboxContainers.tmpVolumeName(spec.sandboxId), Labels: labels });
    const container = await this.docker.createContainer({
      name: SandboxContainers.containerName(spec.sandboxId),
      Image: spec.image,
      Entrypoint: ['/bin/sh', '-c'],
      Cmd: [KEEP_ALIVE],
      Labels: labels,
      ...(spec.user ? { User: spec.user } : {}),
      ...(spec.workDir ? { WorkingDir: spec.workDir } : {}),
      Env: Object.entries(spec.env ?? {}).map(([key, value]) => `${key}=${value}`),
      NetworkDisabled: true,
      HostConfig: {
        NetworkMode: 'none',
        Init: true,
        ...(spec.memBytes ? { Memory: spec.memBytes, MemorySwap: spec.memBytes } : {}),
        ...(spec.vcpus ? { NanoCpus: Math.round(spec.vcpus * 1e9) } : {}),
        PidsLimit: PIDS_LIMIT,
        SecurityOpt: ['no-new-privileges'],
        CapDrop: DROPPED_CAPABILITIES,
        Mounts: [{ Type: 'volume', Source: SandboxContainers.tmpVolumeName(spec.sandboxId), Target: '/tmp' }],
      },
    });
    return container.id;
  }
}

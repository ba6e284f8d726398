import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Docker from 'dockerode';
import { DOCKERD_ARGS } from '@snapforge/docker';
import { stopChild } from './listening-process.js';
import { onCleanup, tempDir } from './test-resources.js';

export interface ExtraDockerEngine {
  /** For DOCKER_HOST: `unix:///.../docker.sock`. */
  readonly dockerHost: string;
  readonly docker: Docker;
  stop(): Promise<void>;
}

/**
 * A second Docker Engine on this machine, a stand-in for another Docker host: its own data root,
 * exec root, pid file, socket and containerd namespace, no bridge and no NAT like the first.
 */
export async function startExtraDockerEngine(name: string): Promise<ExtraDockerEngine> {
  const dir = await tempDir(`dockerd-${name}`);
  const socketPath = join(dir.path, 'docker.sock');
  const child = spawn(
    'dockerd',
    [
      ...DOCKERD_ARGS,
      '--data-root', join(dir.path, 'data'),
      '--exec-root', join(dir.path, 'exec'),
      '--pidfile', join(dir.path, 'docker.pid'),
      '--host', `unix://${socketPath}`,
      '--containerd-namespace', `snapforge-${name}`,
      '--containerd-plugins-namespace', `snapforge-${name}-plugins`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const docker = new Docker({ socketPath });
  const stop = onCleanup(async () => {
    const containers = await docker.listContainers({ all: true }).catch(() => []);
    for (const container of containers) await docker.getContainer(container.Id).remove({ force: true, v: true }).catch(() => undefined);
    await stopChild(child);
    await rm(dir.path, { recursive: true, force: true });
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (await docker.ping().then(() => true, () => false)) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the extra dockerd '${name}' did not answer:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { dockerHost: `unix://${socketPath}`, docker, stop };
}

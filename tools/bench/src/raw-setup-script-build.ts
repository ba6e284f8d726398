import type Docker from 'dockerode';
import { DROPPED_CAPABILITIES, KEEP_ALIVE, PIDS_LIMIT, splitReference } from '@snapforge/docker';
import { rawExec } from './raw-exec.js';

export interface RawSetupScriptBuildRequest {
  readonly baseImage: string;
  /** Run with `sh -e`. */
  readonly setupScript: string;
  readonly targetRef: string;
  /** On the container and, through the commit, on the image: how a caller finds both to remove them. */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * A profile version's snapshot build as plain engine calls, for a series that tells the engine's
 * cost from what Snapforge adds: a container as locked down as the builder agent's one-off container
 * (the same create options as `buildWithSetupScript`), started, the script run in it by one exec
 * with `sh -e`, and the container committed. Nothing else: no look-up of the base image, no script
 * file, no second commit of the config. The container is left for the caller to remove, untimed.
 */
export async function rawSetupScriptBuild(docker: Docker, request: RawSetupScriptBuildRequest): Promise<void> {
  const container = await docker.createContainer({
    Image: request.baseImage,
    Entrypoint: ['/bin/sh', '-c', KEEP_ALIVE],
    Labels: { ...request.labels },
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: 'none',
      Init: true,
      PidsLimit: PIDS_LIMIT,
      SecurityOpt: ['no-new-privileges'],
      CapDrop: DROPPED_CAPABILITIES,
      Mounts: [{ Type: 'volume', Source: '', Target: '/tmp' }],
    },
  });
  await container.start();
  const { exitCode, stderr } = await rawExec(docker, container.id, ['/bin/sh', '-e', '-c', request.setupScript]);
  if (exitCode !== 0) throw new Error(`the setup script failed in the raw container with exit code ${exitCode}: ${stderr}`);
  // Paused, as the engine does by default and the builder agent's commit therefore does too.
  await container.commit(splitReference(request.targetRef));
}

import { randomUUID } from 'node:crypto';
import type { SandboxContainerSpec } from '@snapforge/docker';
import type { BenchEnvironment, BenchWorkspace } from './bench-environment.js';
import { hasImage, removeSnapshotImages } from './image-removal.js';
import { removeWorkspaceSandboxes } from './sandbox-removal.js';
import type { BoxView } from './snapforge-api.js';

/**
 * Where the builder agent tags a snapshot's image and the launcher a capture's (without an image
 * registry to push to): what boxes start from.
 */
export function snapshotImageRef(snapshotId: string): string {
  return `snapforge/snapshot:${snapshotId}`;
}

const POLL_INTERVAL_MS = 5;
const BOX_READY_TIMEOUT_SECONDS = 60;

/** What the sandbox scenarios start from: the workspace and a ready snapshot of the base image, with its boxes. */
export interface SandboxSetup {
  readonly workspace: BenchWorkspace;
  /** The snapshot's image, which the launcher starts the boxes from. */
  readonly imageRef: string;
  /** A name no other run of this bench uses. */
  unique(prefix: string): string;
  /** A box of the snapshot, ready; it fails the run when it is not. */
  readyBox(name: string): Promise<BoxView>;
  /** The container spec the launcher derives from the snapshot, for a raw series to start alike. */
  containerSpec(sandboxId: string): SandboxContainerSpec;
  /** Removes every sandbox container of the workspace, then its snapshot images; also when interrupted. */
  cleanUp(): Promise<void>;
}

export async function prepareSandboxes(environment: BenchEnvironment, scenario: string): Promise<SandboxSetup> {
  const { docker, baseImage } = environment.docker;
  const suffix = randomUUID().slice(0, 8);
  const unique = (prefix: string) => `bench-${scenario}-${prefix}-${suffix}`;
  const workspace = await environment.workspace();
  // Containers first: an image still used by one cannot be removed.
  const cleanUp = environment.cleanups.add(async () => {
    await removeWorkspaceSandboxes(docker, workspace.workspaceId);
    await removeSnapshotImages(docker, workspace.workspaceId);
  });
  try {
    const requested = await workspace.api.requestSnapshot({ name: unique('base'), docker_image: baseImage, fs_capacity_bytes: 1024 ** 3 });
    const snapshot = await workspace.api.settled(requested.id, POLL_INTERVAL_MS);
    if (snapshot.status !== 'ready') throw new Error(`snapshot ${snapshot.id} ended ${snapshot.status}: ${snapshot.status_message ?? ''}`);
    const imageRef = snapshotImageRef(snapshot.id);
    if (!(await hasImage(docker, imageRef))) throw new Error(`snapshot ${snapshot.id} is ready but ${imageRef} is not on the host`);
    const runConfig = snapshot.run_config ?? {};
    return {
      workspace,
      imageRef,
      unique,
      async readyBox(name) {
        const box = await workspace.api.createBox({ name, snapshot_id: snapshot.id, wait_for_ready: true, timeout: BOX_READY_TIMEOUT_SECONDS });
        if (box.status !== 'ready') throw new Error(`box ${box.name} answered ${box.status}: ${box.status_message ?? ''}`);
        return box;
      },
      // The launcher's provision(): no vcpus or memory limit, since the boxes ask for none.
      containerSpec: (sandboxId) => ({
        sandboxId,
        workspaceId: workspace.workspaceId,
        image: imageRef,
        ...(runConfig.user ? { user: runConfig.user } : {}),
        ...(runConfig.work_dir ? { workDir: runConfig.work_dir } : {}),
        ...(runConfig.env_vars ? { env: runConfig.env_vars } : {}),
      }),
      cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

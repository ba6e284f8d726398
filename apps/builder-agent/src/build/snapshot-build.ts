import { resolveRunConfig, type SnapshotRunConfig } from '@snapforge/domain';
import type { BuildJob } from '@snapforge/contracts';
import { engineMessage, type ImageBuilder, type ImageRegistryConfig, type RegistryAuth } from '@snapforge/docker';

export type BuildResult =
  | { kind: 'built'; imageRef: string; imageDigest: string; fsUsedBytes: number; runConfig: SnapshotRunConfig }
  | { kind: 'failed'; reason: string }
  /** The build turned out not to be this agent's: nothing was tagged or pushed. */
  | { kind: 'dropped' };

export interface BuildContext {
  /** Credentials when the job names a registry; fetched lazily so a local image needs none. */
  auth?: () => Promise<RegistryAuth>;
  signal: AbortSignal;
  log: (line: string) => void;
  /** Where snapshot images go so that other hosts can boot them; absent on a single host. */
  publish?: ImageRegistryConfig;
  /**
   * Whether the build is this agent's, while the orchestrator is still being asked: the pull goes
   * ahead meanwhile, but nothing is tagged until it resolves true.
   */
  claimed?: Promise<boolean>;
}

export const SNAPSHOT_IMAGE_REPOSITORY = 'snapforge/snapshot';
export const SNAPSHOT_LABELS = { workspace: 'io.snapforge.workspace-id', snapshot: 'io.snapforge.snapshot-id' } as const;

/**
 * One snapshot build from a Docker image: pull (always, with credentials, when the job names a
 * registry; only when missing otherwise), tag the result as the snapshot's own image with labels that
 * say whose it is, check its size against the capacity, and resolve the run config from the image.
 * Every failure becomes a reason a user can act on.
 */
export async function buildSnapshotImage(images: ImageBuilder, job: BuildJob, context: BuildContext): Promise<BuildResult> {
  const { log, signal } = context;
  const ref = job.dockerImage;
  let step = 'preparing';
  try {
    if (job.registryId || !(await images.hasImage(ref))) {
      step = job.registryId ? `pulling ${ref}` : `pulling ${ref} (it is not on this host)`;
      const auth = job.registryId && context.auth ? await context.auth() : undefined;
      log(`Pulling ${ref}${auth ? ` from ${auth.serveraddress} as ${auth.username ?? '(anonymous)'}` : ''}`);
      await images.pull(ref, { ...(auth ? { auth } : {}), signal, onProgress: log, relabelNext: true });
    } else {
      log(`Using ${ref}, already on this host`);
    }
    signal.throwIfAborted();
    if (context.claimed && !(await context.claimed)) return { kind: 'dropped' };
    signal.throwIfAborted();
    step = `tagging ${ref} as the snapshot image`;
    const { publish } = context;
    const tag = `${publish ? `${publish.host}/` : ''}${SNAPSHOT_IMAGE_REPOSITORY}:${job.snapshotId}`;
    // The copy has the source's size and config: the relabel's own inspect tells both, so the size is
    // checked on the copy, which goes again when it is too large.
    const tagged = await images.relabel(ref, tag, {
      [SNAPSHOT_LABELS.workspace]: job.workspaceId,
      [SNAPSHOT_LABELS.snapshot]: job.snapshotId,
    });
    log(`Image ${ref}: ${tagged.sizeBytes} bytes`);
    if (tagged.sizeBytes > job.fsCapacityBytes) {
      await images.remove(tag);
      return { kind: 'failed', reason: `image ${ref} is ${tagged.sizeBytes} bytes, larger than fs_capacity_bytes ${job.fsCapacityBytes}` };
    }
    log(`Snapshot image ${tag} (${tagged.id})`);
    let imageRef = tag;
    if (publish) {
      step = `pushing the snapshot image to ${publish.host}`;
      imageRef = await images.push(tag, publish.auth);
      log(`Pushed as ${imageRef}`);
    }
    return {
      kind: 'built',
      imageRef,
      imageDigest: tagged.id,
      fsUsedBytes: tagged.sizeBytes,
      runConfig: resolveRunConfig({ user: tagged.user, workDir: tagged.workingDir, envVars: tagged.env }, job.runConfig),
    };
  } catch (error) {
    if (context.claimed && !(await context.claimed)) return { kind: 'dropped' };
    if (signal.aborted) {
      return { kind: 'failed', reason: `build timed out after ${job.buildTimeoutSeconds} s while ${step}` };
    }
    return { kind: 'failed', reason: `${step} failed: ${engineMessage(error)}` };
  }
}

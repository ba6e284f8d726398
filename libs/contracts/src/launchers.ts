import type { SnapshotRunConfig } from '@snapforge/domain';
import type { Rpc } from './rpc.js';

/** What a sandbox launcher publishes about itself, every few seconds, in the launchers KV bucket. */
export interface LauncherRegistration {
  hostId: string;
  /** How many sandboxes it takes at most. */
  capacity: number;
  /** How many containers of ours it runs or keeps stopped now. */
  sandboxes: number;
  /** Base of its sandboxes' data-plane URLs. */
  dataplaneUrl: string;
  /** Image ids (`sha256:...`) it holds: placement prefers a host that needs no pull. */
  images: string[];
  updatedAt: string;
}

export const LAUNCHERS_BUCKET = 'snapforge_launchers';
/** A launcher that has not re-registered within this long is gone: its key expires. */
export const LAUNCHER_TTL_MS = 15_000;

export interface ProvisionSandbox {
  sandboxId: string;
  workspaceId: string;
  imageRef: string;
  imageDigest: string;
  vcpus?: number;
  memBytes?: number;
  runConfig: SnapshotRunConfig;
  idleTtlSeconds: number;
}

export interface ProvisionedSandbox {
  containerId: string;
  dataplaneUrl: string;
}

export interface SandboxOnHost {
  sandboxId: string;
}

export interface CaptureSandbox {
  sandboxId: string;
  snapshotId: string;
  workspaceId: string;
  fsCapacityBytes: number;
  /** The sandbox's run config with the capture's override layered over it. */
  runConfig: SnapshotRunConfig;
}

/** Each launcher answers on its own host's subjects: the orchestrator addresses the host that placed the sandbox. */
export function launcherRpc(hostId: string) {
  const on = <Request, Reply>(verb: string): Rpc<Request, Reply> => ({ subject: `snapforge.sandbox-launcher.${hostId}.${verb}` });
  return {
    provision: on<ProvisionSandbox, ProvisionedSandbox>('provision'),
    stop: on<SandboxOnHost, { stopped: true }>('stop'),
    remove: on<SandboxOnHost, { removed: true }>('remove'),
    capture: on<CaptureSandbox, { accepted: true }>('capture'),
  };
}

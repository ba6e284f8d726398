import type { DomainEvent } from '../domain-event.js';
import type { SnapshotRunConfig } from '../snapshot/snapshot-run-config.js';
import type { SandboxStopReason } from './sandbox-stop-reason.js';

// Every event carries the sandbox and workspace ids so that a projection or the event feed can
// scope it without knowing the stream it came from. Every event between creation and deletion
// carries the sandbox's version after it (it is created as version 1): a sandbox goes round
// stop/start cycles, and the version is how a projection recognises a late redelivery and does not
// roll the sandbox back with it.

/** The sandbox is provisioning: its launcher is to boot the image on the host it was placed on. */
export type SandboxCreated = DomainEvent<
  'SandboxCreated',
  {
    sandboxId: string;
    workspaceId: string;
    name: string;
    snapshotId: string;
    hostId: string;
    imageRef: string;
    vcpus?: number;
    memBytes?: number;
    fsCapacityBytes?: number;
    runConfig: SnapshotRunConfig;
    idleTtlSeconds: number;
    deleteAfterStopSeconds: number;
    createdBy?: string;
    createdAt: string;
  }
>;

export type SandboxReady = DomainEvent<
  'SandboxReady',
  {
    sandboxId: string;
    workspaceId: string;
    version: number;
    containerId: string;
    dataplaneUrl: string;
    readyAt: string;
  }
>;

export type SandboxFailed = DomainEvent<
  'SandboxFailed',
  { sandboxId: string; workspaceId: string; version: number; reason: string; failedAt: string }
>;

/** The container is stopped with its filesystem kept. */
export type SandboxStopped = DomainEvent<
  'SandboxStopped',
  { sandboxId: string; workspaceId: string; version: number; reason: SandboxStopReason; stoppedAt: string }
>;

/** The sandbox is provisioning again: its launcher restarts the container and reports it ready. */
export type SandboxStarted = DomainEvent<
  'SandboxStarted',
  { sandboxId: string; workspaceId: string; version: number; startedAt: string }
>;

/**
 * Carries only the fields that changed. Schema version 2 (see sandbox-updated.upcasters.ts): a
 * rename carries the old name too, so that whoever releases it needs nothing but this event.
 */
export type SandboxUpdated = DomainEvent<
  'SandboxUpdated',
  {
    sandboxId: string;
    workspaceId: string;
    version: number;
    rename?: { from: string; to: string };
    idleTtlSeconds?: number;
    deleteAfterStopSeconds?: number;
    updatedAt: string;
  }
>;

/**
 * Carries the name and the snapshot so that whoever releases the name reservation and the
 * snapshot reference needs nothing but this event.
 */
export type SandboxDeleted = DomainEvent<
  'SandboxDeleted',
  { sandboxId: string; workspaceId: string; name: string; snapshotId: string; deletedAt: string }
>;

export type SandboxEvent =
  | SandboxCreated
  | SandboxReady
  | SandboxFailed
  | SandboxStopped
  | SandboxStarted
  | SandboxUpdated
  | SandboxDeleted;

const sandboxEventTypes: ReadonlySet<string> = new Set<SandboxEvent['type']>([
  'SandboxCreated',
  'SandboxReady',
  'SandboxFailed',
  'SandboxStopped',
  'SandboxStarted',
  'SandboxUpdated',
  'SandboxDeleted',
]);

/** Picks the sandbox events out of a global feed, where events of every aggregate pass by. */
export function isSandboxEvent<E extends { type: string }>(event: E): event is E & SandboxEvent {
  return sandboxEventTypes.has(event.type);
}

import type { DomainEvent } from '../domain-event.js';
import type { SnapshotRunConfig } from './snapshot-run-config.js';
import type { SnapshotSource } from './snapshot-source.js';

// Every event carries the snapshot and workspace ids so that a projection or the event feed can
// scope it without knowing the stream it came from.

export type SnapshotRequested = DomainEvent<
  'SnapshotRequested',
  {
    snapshotId: string;
    workspaceId: string;
    name: string;
    source: SnapshotSource;
    fsCapacityBytes: number;
    runConfig?: SnapshotRunConfig;
    buildTimeoutSeconds: number;
    createdBy?: string;
    requestedAt: string;
  }
>;

export type SnapshotBuildStarted = DomainEvent<
  'SnapshotBuildStarted',
  { snapshotId: string; workspaceId: string; agentId: string; attempt: number; startedAt: string }
>;

export type SnapshotBuilt = DomainEvent<
  'SnapshotBuilt',
  {
    snapshotId: string;
    workspaceId: string;
    imageRef: string;
    imageDigest: string;
    fsUsedBytes: number;
    runConfig: SnapshotRunConfig;
    completedAt: string;
  }
>;

export type SnapshotBuildFailed = DomainEvent<
  'SnapshotBuildFailed',
  { snapshotId: string; workspaceId: string; reason: string; failedAt: string }
>;

/** Carries the name so that whoever releases the name reservation needs nothing but this event. */
export type SnapshotDeleted = DomainEvent<
  'SnapshotDeleted',
  { snapshotId: string; workspaceId: string; name: string; deletedAt: string }
>;

// A reference event carries the snapshot's reference version after it (the count of reference
// events so far, this one included), so that a projection recognises a late redelivery and does not
// bring back a reference released since.

export type SnapshotReferenced = DomainEvent<
  'SnapshotReferenced',
  { snapshotId: string; workspaceId: string; sandboxId: string; referenceVersion: number; referencedAt: string }
>;

export type SnapshotReferenceReleased = DomainEvent<
  'SnapshotReferenceReleased',
  { snapshotId: string; workspaceId: string; sandboxId: string; referenceVersion: number; releasedAt: string }
>;

export type SnapshotEvent =
  | SnapshotRequested
  | SnapshotBuildStarted
  | SnapshotBuilt
  | SnapshotBuildFailed
  | SnapshotDeleted
  | SnapshotReferenced
  | SnapshotReferenceReleased;

const snapshotEventTypes: ReadonlySet<string> = new Set<SnapshotEvent['type']>([
  'SnapshotRequested',
  'SnapshotBuildStarted',
  'SnapshotBuilt',
  'SnapshotBuildFailed',
  'SnapshotDeleted',
  'SnapshotReferenced',
  'SnapshotReferenceReleased',
]);

/** Picks the snapshot events out of a global feed, where events of every aggregate pass by. */
export function isSnapshotEvent<E extends { type: string }>(event: E): event is E & SnapshotEvent {
  return snapshotEventTypes.has(event.type);
}

import type { DomainCommand } from '../domain-command.js';
import type { SnapshotRunConfig } from './snapshot-run-config.js';
import type { ProfileJobSource, SnapshotSource } from './snapshot-source.js';

// Timestamps are ISO 8601 strings in UTC (`Date.prototype.toISOString()`), set by the caller.

export type RequestSnapshot = DomainCommand<
  'RequestSnapshot',
  {
    snapshotId: string;
    workspaceId: string;
    name: string;
    source: SnapshotSource;
    fsCapacityBytes: number;
    /** The user's override of the image's configuration. */
    runConfig?: SnapshotRunConfig;
    buildTimeoutSeconds: number;
    createdBy?: string;
    requestedAt: string;
  }
>;

/** A builder agent picked the build job up; a redelivery to another agent is a higher attempt. */
export type StartBuild = DomainCommand<'StartBuild', { agentId: string; attempt: number; startedAt: string }>;

export type CompleteBuild = DomainCommand<
  'CompleteBuild',
  {
    imageRef: string;
    imageDigest: string;
    fsUsedBytes: number;
    /** Resolved from the image, with the request's override applied. */
    runConfig: SnapshotRunConfig;
    completedAt: string;
  }
>;

/**
 * A snapshot of an image a profile version's snapshot job built: requested and built in one append,
 * so that no build job is ever dispatched for it.
 */
export type RecordBuiltSnapshot = DomainCommand<
  'RecordBuiltSnapshot',
  { request: RequestSnapshot['data'] & { source: ProfileJobSource }; build: CompleteBuild['data'] }
>;

export type FailBuild = DomainCommand<'FailBuild', { reason: string; failedAt: string }>;

export type DeleteSnapshot = DomainCommand<'DeleteSnapshot', { deletedAt: string }>;

/** A sandbox boots from the snapshot: while it holds the reference, the snapshot cannot be deleted. */
export type ReferenceSnapshot = DomainCommand<'ReferenceSnapshot', { sandboxId: string; at: string }>;

/** The sandbox no longer needs the snapshot (it was deleted, or its creation was abandoned). */
export type ReleaseSnapshotReference = DomainCommand<'ReleaseSnapshotReference', { sandboxId: string; at: string }>;

export type SnapshotCommand =
  | RequestSnapshot
  | RecordBuiltSnapshot
  | StartBuild
  | CompleteBuild
  | FailBuild
  | DeleteSnapshot
  | ReferenceSnapshot
  | ReleaseSnapshotReference;

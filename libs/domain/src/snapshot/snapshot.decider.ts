import type { Decider } from '../decider.js';
import { DomainError } from '../domain-error.js';
import type { CompleteBuild, RequestSnapshot, SnapshotCommand } from './snapshot.commands.js';
import type { SnapshotSource } from './snapshot-source.js';
import { SnapshotErrorCode } from './snapshot-error-code.js';
import type { SnapshotBuilt, SnapshotEvent, SnapshotRequested } from './snapshot.events.js';
import type { SnapshotState } from './snapshot.state.js';
import { snapshotRequestViolations } from './snapshot.validation.js';

type ExistingSnapshotState = Exclude<SnapshotState, { status: 'none' }>;

export const snapshotDecider: Decider<SnapshotCommand, SnapshotState, SnapshotEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'RequestSnapshot') return [requestSnapshot(command.data, state)];

    if (command.type === 'RecordBuiltSnapshot') {
      const requested = requestSnapshot(command.data.request, state);
      const { snapshotId, workspaceId } = requested.data;
      return [requested, { type: 'SnapshotBuilt', data: { snapshotId, workspaceId, ...builtData(command.data.build) } }];
    }

    if (command.type === 'ReleaseSnapshotReference') {
      // Releasing is making sure the sandbox no longer holds the snapshot: a retry, or a release for
      // a sandbox that never got its reference, is no failure. A deleted snapshot holds no
      // references (deleting it was refused while it did), so this also covers one deleted since.
      const { sandboxId, at } = command.data;
      if (state.status === 'none' || !state.referencedBy.has(sandboxId)) return [];
      return [
        {
          type: 'SnapshotReferenceReleased',
          data: {
            snapshotId: state.snapshotId,
            workspaceId: state.workspaceId,
            sandboxId,
            referenceVersion: state.referenceVersion + 1,
            releasedAt: at,
          },
        },
      ];
    }

    const snapshot = existing(state);
    const ids = { snapshotId: snapshot.snapshotId, workspaceId: snapshot.workspaceId };
    switch (command.type) {
      case 'StartBuild':
        // A late or repeated report of an attempt already recorded changes nothing, whatever
        // has happened since.
        if (command.data.attempt <= snapshot.lastAttempt) return [];
        assertBuilding(snapshot, 'start');
        return [
          {
            type: 'SnapshotBuildStarted',
            data: {
              ...ids,
              agentId: command.data.agentId,
              attempt: command.data.attempt,
              startedAt: command.data.startedAt,
            },
          },
        ];
      case 'CompleteBuild':
        if (snapshot.status === 'ready' && snapshot.imageDigest === command.data.imageDigest) return [];
        assertBuilding(snapshot, 'complete');
        return [
          { type: 'SnapshotBuilt', data: { ...ids, ...builtData(command.data) } },
        ];
      case 'FailBuild':
        if (snapshot.status === 'failed') return [];
        assertBuilding(snapshot, 'fail');
        return [
          {
            type: 'SnapshotBuildFailed',
            data: { ...ids, reason: command.data.reason, failedAt: command.data.failedAt },
          },
        ];
      case 'ReferenceSnapshot': {
        const { sandboxId, at } = command.data;
        if (snapshot.referencedBy.has(sandboxId)) return [];
        if (snapshot.status !== 'ready') {
          throw new DomainError(
            SnapshotErrorCode.NotReady,
            `cannot boot a sandbox from snapshot ${snapshot.snapshotId}: it is ${snapshot.status}, not ready`,
          );
        }
        return [
          {
            type: 'SnapshotReferenced',
            data: { ...ids, sandboxId, referenceVersion: snapshot.referenceVersion + 1, referencedAt: at },
          },
        ];
      }
      case 'DeleteSnapshot':
        // A sandbox creation references the snapshot on this same stream, so of a delete and a
        // creation racing, whichever appends second is decided again on a state that refuses it.
        assertUnreferenced(snapshot);
        // Allowed while building: the build's eventual report then finds no snapshot.
        return [
          {
            type: 'SnapshotDeleted',
            data: { ...ids, name: snapshot.name, deletedAt: command.data.deletedAt },
          },
        ];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SnapshotRequested':
        return {
          status: 'building',
          snapshotId: event.data.snapshotId,
          workspaceId: event.data.workspaceId,
          name: event.data.name,
          lastAttempt: 0,
          referencedBy: new Set(),
          referenceVersion: 0,
        };
      case 'SnapshotBuildStarted':
        return state.status === 'none' ? state : { ...state, lastAttempt: event.data.attempt };
      case 'SnapshotBuilt':
        return state.status === 'none' ? state : { ...state, status: 'ready', imageDigest: event.data.imageDigest };
      case 'SnapshotBuildFailed':
        return state.status === 'none' ? state : { ...state, status: 'failed' };
      case 'SnapshotDeleted':
        return state.status === 'none' ? state : { ...state, status: 'deleted' };
      case 'SnapshotReferenced':
        if (state.status === 'none') return state;
        return {
          ...state,
          referencedBy: new Set(state.referencedBy).add(event.data.sandboxId),
          referenceVersion: event.data.referenceVersion,
        };
      case 'SnapshotReferenceReleased': {
        if (state.status === 'none') return state;
        const referencedBy = new Set(state.referencedBy);
        referencedBy.delete(event.data.sandboxId);
        return { ...state, referencedBy, referenceVersion: event.data.referenceVersion };
      }
    }
  },
};

function requestSnapshot(request: RequestSnapshot['data'], state: SnapshotState): SnapshotRequested {
  // A deleted snapshot's stream still exists: ids are never reused.
  if (state.status !== 'none') {
    throw new DomainError(SnapshotErrorCode.AlreadyExists, `snapshot ${request.snapshotId} already exists`);
  }
  const violations = snapshotRequestViolations(request);
  if (violations.length > 0) {
    throw new DomainError(SnapshotErrorCode.Invalid, `invalid snapshot request: ${violations.join('; ')}`);
  }
  return { type: 'SnapshotRequested', data: requestedData(request) };
}

/**
 * Takes the contract's fields rather than the whole command: commands arrive as JSON from other
 * services, and whatever else they carry must not end up stored for ever in an event.
 */
function requestedData(request: RequestSnapshot['data']): SnapshotRequested['data'] {
  const { source } = request;
  return {
    snapshotId: request.snapshotId,
    workspaceId: request.workspaceId,
    name: request.name,
    source: sourceData(source),
    fsCapacityBytes: request.fsCapacityBytes,
    runConfig: request.runConfig,
    buildTimeoutSeconds: request.buildTimeoutSeconds,
    createdBy: request.createdBy,
    requestedAt: request.requestedAt,
  };
}

function sourceData(source: SnapshotSource): SnapshotSource {
  switch (source.kind) {
    case 'image':
      return { kind: 'image', dockerImage: source.dockerImage, registryId: source.registryId };
    case 'sandbox':
      return { kind: 'sandbox', sandboxId: source.sandboxId };
    case 'profile_job':
      return { kind: 'profile_job', jobId: source.jobId, imageRef: source.imageRef };
  }
}

function builtData(build: CompleteBuild['data']): Omit<SnapshotBuilt['data'], 'snapshotId' | 'workspaceId'> {
  return { imageRef: build.imageRef, imageDigest: build.imageDigest, fsUsedBytes: build.fsUsedBytes, runConfig: build.runConfig, completedAt: build.completedAt };
}

/** A deleted snapshot is as gone as one never requested. */
function existing(state: SnapshotState): ExistingSnapshotState {
  if (state.status === 'none' || state.status === 'deleted') {
    throw new DomainError(SnapshotErrorCode.NotFound, 'snapshot not found');
  }
  return state;
}

function assertUnreferenced(snapshot: ExistingSnapshotState): void {
  if (snapshot.referencedBy.size === 0) return;
  throw new DomainError(
    SnapshotErrorCode.Referenced,
    `cannot delete snapshot ${snapshot.snapshotId} while sandboxes use it: ` +
      `${[...snapshot.referencedBy].sort().join(', ')}; delete them first`,
  );
}

function assertBuilding(snapshot: ExistingSnapshotState, action: string): void {
  if (snapshot.status !== 'building') {
    throw new DomainError(
      SnapshotErrorCode.NotBuilding,
      `cannot ${action} the build of snapshot ${snapshot.snapshotId}: it is ${snapshot.status}, not building`,
    );
  }
}

import type { Decider } from '../decider.js';
import { DomainError } from '../domain-error.js';
import type { SnapshotCommand } from './snapshot.commands.js';
import { SnapshotErrorCode } from './snapshot-error-code.js';
import type { SnapshotEvent } from './snapshot.events.js';
import type { SnapshotState } from './snapshot.state.js';
import { snapshotRequestViolations } from './snapshot.validation.js';

type ExistingSnapshotState = Exclude<SnapshotState, { status: 'none' }>;

export const snapshotDecider: Decider<SnapshotCommand, SnapshotState, SnapshotEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'RequestSnapshot') {
      // A deleted snapshot's stream still exists: ids are never reused.
      if (state.status !== 'none') {
        throw new DomainError(
          SnapshotErrorCode.AlreadyExists,
          `snapshot ${command.data.snapshotId} already exists`,
        );
      }
      const violations = snapshotRequestViolations(command.data);
      if (violations.length > 0) {
        throw new DomainError(SnapshotErrorCode.Invalid, `invalid snapshot request: ${violations.join('; ')}`);
      }
      return [{ type: 'SnapshotRequested', data: command.data }];
    }

    const snapshot = existing(state);
    const ids = { snapshotId: snapshot.snapshotId, workspaceId: snapshot.workspaceId };
    switch (command.type) {
      case 'StartBuild':
        // A late or repeated report of an attempt already recorded changes nothing, whatever
        // has happened since.
        if (command.data.attempt <= snapshot.lastAttempt) return [];
        assertBuilding(snapshot, 'start');
        return [{ type: 'SnapshotBuildStarted', data: { ...ids, ...command.data } }];
      case 'CompleteBuild':
        if (snapshot.status === 'ready' && snapshot.imageDigest === command.data.imageDigest) return [];
        assertBuilding(snapshot, 'complete');
        return [{ type: 'SnapshotBuilt', data: { ...ids, ...command.data } }];
      case 'FailBuild':
        if (snapshot.status === 'failed') return [];
        assertBuilding(snapshot, 'fail');
        return [{ type: 'SnapshotBuildFailed', data: { ...ids, ...command.data } }];
      case 'DeleteSnapshot':
        // Allowed while building: the build's eventual report then finds no snapshot.
        return [{ type: 'SnapshotDeleted', data: { ...ids, name: snapshot.name, ...command.data } }];
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
        };
      case 'SnapshotBuildStarted':
        return state.status === 'none' ? state : { ...state, lastAttempt: event.data.attempt };
      case 'SnapshotBuilt':
        return state.status === 'none' ? state : { ...state, status: 'ready', imageDigest: event.data.imageDigest };
      case 'SnapshotBuildFailed':
        return state.status === 'none' ? state : { ...state, status: 'failed' };
      case 'SnapshotDeleted':
        return state.status === 'none' ? state : { ...state, status: 'deleted' };
    }
  },
};

/** A deleted snapshot is as gone as one never requested. */
function existing(state: SnapshotState): ExistingSnapshotState {
  if (state.status === 'none' || state.status === 'deleted') {
    throw new DomainError(SnapshotErrorCode.NotFound, 'snapshot not found');
  }
  return state;
}

function assertBuilding(snapshot: ExistingSnapshotState, action: string): void {
  if (snapshot.status !== 'building') {
    throw new DomainError(
      SnapshotErrorCode.NotBuilding,
      `cannot ${action} the build of snapshot ${snapshot.snapshotId}: it is ${snapshot.status}, not building`,
    );
  }
}

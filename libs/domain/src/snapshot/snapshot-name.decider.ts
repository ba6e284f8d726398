import type { Decider } from '../decider.js';
import { DomainError } from '../domain-error.js';
import type { SnapshotNameCommand } from './snapshot-name.commands.js';
import type { SnapshotNameEvent } from './snapshot-name.events.js';
import type { SnapshotNameState } from './snapshot-name.state.js';
import { SnapshotErrorCode } from './snapshot-error-code.js';
import { snapshotNameViolation } from './snapshot.validation.js';

/** The guard that keeps snapshot names unique per workspace: one stream per (workspace, name). */
export const snapshotNameDecider: Decider<SnapshotNameCommand, SnapshotNameState, SnapshotNameEvent> = {
  initialState: () => ({ status: 'free' }),

  decide(command, state) {
    switch (command.type) {
      case 'ReserveSnapshotName': {
        const { workspaceId, name, snapshotId, at } = command.data;
        // Checked here too so that no guard stream is ever opened for a name a snapshot cannot have.
        const violation = snapshotNameViolation(name);
        if (violation !== undefined) {
          throw new DomainError(SnapshotErrorCode.Invalid, `invalid snapshot name: ${violation}`);
        }
        if (state.status === 'reserved') {
          if (state.snapshotId === snapshotId) return [];
          throw new DomainError(SnapshotErrorCode.NameTaken, `a snapshot named "${name}" already exists`);
        }
        return [{ type: 'SnapshotNameReserved', data: { workspaceId, name, snapshotId, reservedAt: at } }];
      }
      case 'ReleaseSnapshotName':
        // Only the holder releases: a stale release must not free a name someone else now holds.
        if (state.status !== 'reserved' || state.snapshotId !== command.data.snapshotId) return [];
        return [
          {
            type: 'SnapshotNameReleased',
            data: {
              workspaceId: state.workspaceId,
              name: state.name,
              snapshotId: state.snapshotId,
              releasedAt: command.data.at,
            },
          },
        ];
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'SnapshotNameReserved':
        return {
          status: 'reserved',
          workspaceId: event.data.workspaceId,
          name: event.data.name,
          snapshotId: event.data.snapshotId,
        };
      case 'SnapshotNameReleased':
        return { status: 'free' };
    }
  },
};

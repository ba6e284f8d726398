import type { Decider } from '../decider.js';
import { nameReservationDecider } from '../naming/name-reservation.decider.js';
import type { SnapshotNameCommand } from './snapshot-name.commands.js';
import type { SnapshotNameEvent } from './snapshot-name.events.js';
import type { SnapshotNameState } from './snapshot-name.state.js';
import { SnapshotErrorCode } from './snapshot-error-code.js';
import { snapshotNameViolation } from './snapshot.validation.js';

/** The guard that keeps snapshot names unique per workspace: one stream per (workspace, name). */
export const snapshotNameDecider: Decider<SnapshotNameCommand, SnapshotNameState, SnapshotNameEvent> =
  nameReservationDecider({
    kind: 'Snapshot',
    noun: 'snapshot',
    nameViolation: snapshotNameViolation,
    invalidCode: SnapshotErrorCode.Invalid,
    takenCode: SnapshotErrorCode.NameTaken,
  });

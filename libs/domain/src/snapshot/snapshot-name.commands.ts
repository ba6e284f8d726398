import type { ReleaseName, ReserveName } from '../naming/name-reservation.commands.js';

export type ReserveSnapshotName = ReserveName<'Snapshot'>;

export type ReleaseSnapshotName = ReleaseName<'Snapshot'>;

export type SnapshotNameCommand = ReserveSnapshotName | ReleaseSnapshotName;

import type { NameReleased, NameReserved } from '../naming/name-reservation.events.js';

export type SnapshotNameReserved = NameReserved<'Snapshot'>;

export type SnapshotNameReleased = NameReleased<'Snapshot'>;

export type SnapshotNameEvent = SnapshotNameReserved | SnapshotNameReleased;

import type { DomainEvent } from '../domain-event.js';

export type SnapshotNameReserved = DomainEvent<
  'SnapshotNameReserved',
  { workspaceId: string; name: string; snapshotId: string; reservedAt: string }
>;

export type SnapshotNameReleased = DomainEvent<
  'SnapshotNameReleased',
  { workspaceId: string; name: string; snapshotId: string; releasedAt: string }
>;

export type SnapshotNameEvent = SnapshotNameReserved | SnapshotNameReleased;

/** The stable codes of snapshot refusals (see `DomainError`). */
export const SnapshotErrorCode = {
  AlreadyExists: 'SNAPSHOT_ALREADY_EXISTS',
  NotFound: 'SNAPSHOT_NOT_FOUND',
  NotBuilding: 'SNAPSHOT_NOT_BUILDING',
  Invalid: 'SNAPSHOT_INVALID',
  NameTaken: 'SNAPSHOT_NAME_TAKEN',
  NotReady: 'SNAPSHOT_NOT_READY',
  Referenced: 'SNAPSHOT_REFERENCED',
} as const;

export type SnapshotErrorCode = (typeof SnapshotErrorCode)[keyof typeof SnapshotErrorCode];

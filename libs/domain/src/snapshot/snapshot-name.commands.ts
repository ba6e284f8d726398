import type { DomainCommand } from '../domain-command.js';

export type ReserveSnapshotName = DomainCommand<
  'ReserveSnapshotName',
  { workspaceId: string; name: string; snapshotId: string; at: string }
>;

export type ReleaseSnapshotName = DomainCommand<'ReleaseSnapshotName', { snapshotId: string; at: string }>;

export type SnapshotNameCommand = ReserveSnapshotName | ReleaseSnapshotName;

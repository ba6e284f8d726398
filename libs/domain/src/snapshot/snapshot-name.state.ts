/** A name is free when it was never reserved or its holder released it. */
export type SnapshotNameState =
  | { status: 'free' }
  | { status: 'reserved'; workspaceId: string; name: string; snapshotId: string };

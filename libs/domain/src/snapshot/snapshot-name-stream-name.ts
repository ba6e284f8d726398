/**
 * The guard stream of one snapshot name in one workspace (names are case-sensitive). Appending to
 * it with the revision just read is what makes a name unique: of two concurrent reservations, one
 * fails on the revision. The name goes last after a `:`, which names cannot contain, so no two
 * (workspace, name) pairs share a stream; the `_` keeps these streams out of the `snapshot` category.
 */
export function snapshotNameStreamName(workspaceId: string, name: string): string {
  return `snapshot_name-${workspaceId}:${name}`;
}

/**
 * The guard stream of one name of a kind of resource (`snapshot`, `registry`, `sandbox`) in one
 * workspace (names are case-sensitive). Appending to it with the revision just read is what makes a
 * name unique: of two concurrent reservations, one fails on the revision. The name goes last after
 * a `:`, which names cannot contain, so no two (workspace, name) pairs share a stream; the `_` keeps
 * these streams out of the resource's own category.
 */
export function nameReservationStreamName(resource: string, workspaceId: string, name: string): string {
  return `${resource}_name-${workspaceId}:${name}`;
}

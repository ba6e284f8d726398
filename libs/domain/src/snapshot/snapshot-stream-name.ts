/** The event stream of one snapshot; its category (before the first `-`) is `snapshot`. */
export function snapshotStreamName(snapshotId: string): string {
  return `snapshot-${snapshotId}`;
}

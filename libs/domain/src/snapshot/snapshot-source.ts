/** Where a snapshot's filesystem comes from: a Docker image, or (captures) a running sandbox. */
export type SnapshotSource =
  | { kind: 'image'; dockerImage: string; registryId?: string }
  | { kind: 'sandbox'; sandboxId: string };

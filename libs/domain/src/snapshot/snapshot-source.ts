/**
 * Where a snapshot's filesystem comes from: a Docker image, (captures) a running sandbox, or an image
 * a profile version's snapshot job built, which is recorded as built at once and never built again.
 */
export type SnapshotSource =
  | { kind: 'image'; dockerImage: string; registryId?: string }
  | { kind: 'sandbox'; sandboxId: string }
  | ProfileJobSource;

export type ProfileJobSource = { kind: 'profile_job'; jobId: string; imageRef: string };

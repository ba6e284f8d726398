/** What the snapshot decider needs to decide; the full picture lives in the projection. */
export type SnapshotState =
  | { status: 'none' }
  | {
      status: 'building' | 'ready' | 'failed' | 'deleted';
      snapshotId: string;
      workspaceId: string;
      name: string;
      /** The highest build attempt started so far (0 before the first). */
      lastAttempt: number;
      /** Set once built, so that a repeated report of the same build can be recognised. */
      imageDigest?: string;
    };

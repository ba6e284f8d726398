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
      /** The sandboxes booted from the snapshot and not yet deleted: they keep it from being deleted. */
      referencedBy: ReadonlySet<string>;
      /** How many reference events the stream holds, to number the next one. */
      referenceVersion: number;
    };

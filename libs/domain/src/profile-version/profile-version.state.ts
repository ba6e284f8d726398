import type { RefreshSchedule } from './refresh-schedule.js';
import type { SnapshotJobStatus } from './snapshot-job-status.js';

export interface SnapshotJobState {
  status: SnapshotJobStatus;
  /** The highest attempt started so far (0 while queued). */
  lastAttempt: number;
}

/** What the decider of a version's job series needs to decide; the full picture lives in the projection. */
export type ProfileVersionState =
  | { status: 'none' }
  | {
      status: 'open';
      profileId: string;
      workspaceId: string;
      version: number;
      jobs: ReadonlyMap<string, SnapshotJobState>;
      /** The queued or running job, if any: there is never more than one. */
      activeJobId?: string;
      refreshSchedule?: RefreshSchedule;
      /** The instants (`slotInstant`) of the slots already queued, attached or skipped: each fires once. */
      handledSlots: ReadonlySet<number>;
      revision: number;
    };

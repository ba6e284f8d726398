import type { DomainEvent } from '../domain-event.js';
import type { ProfileSpec } from '../profile/profile-spec.js';
import type { SnapshotJobFailureCode } from './snapshot-job-failure-code.js';
import type { SnapshotJobTrigger } from './snapshot-job-trigger.js';

// Every event carries the profile, workspace and version so that a projection or the event feed
// can scope it without knowing the stream it came from. Every event after the opening carries the
// series' revision after it (it is opened as revision 1): a projection recognises a late
// redelivery by it and does not, say, bring back a schedule removed since.

interface VersionIds {
  profileId: string;
  workspaceId: string;
  version: number;
}

type Revised = VersionIds & { revision: number };

/** The version's series is open: its first snapshot job is queued next. */
export type ProfileVersionOpened = DomainEvent<
  'ProfileVersionOpened',
  VersionIds & { spec: ProfileSpec; openedAt: string }
>;

/** The job is waiting for a builder agent; the version has no other active job. */
export type SnapshotJobQueued = DomainEvent<
  'SnapshotJobQueued',
  Revised & { jobId: string; trigger: SnapshotJobTrigger; slot?: string; queuedAt: string }
>;

export type SnapshotJobStarted = DomainEvent<
  'SnapshotJobStarted',
  Revised & { jobId: string; agentId: string; attempt: number; startedAt: string }
>;

/** The job's image is the version's snapshot now, in place of any earlier one. */
export type SnapshotJobSucceeded = DomainEvent<
  'SnapshotJobSucceeded',
  Revised & { jobId: string; imageRef: string; imageDigest: string; sizeBytes: number; finishedAt: string }
>;

/** The version keeps whatever snapshot it had. */
export type SnapshotJobFailed = DomainEvent<
  'SnapshotJobFailed',
  Revised & { jobId: string; errorCode: SnapshotJobFailureCode; errorMessage: string; finishedAt: string }
>;

/** A schedule slot found a job active and counts it as its own rather than queue another. */
export type ScheduledSlotAttached = DomainEvent<
  'ScheduledSlotAttached',
  Revised & { slot: string; jobId: string; attachedAt: string }
>;

export type ScheduledSlotSkipped = DomainEvent<
  'ScheduledSlotSkipped',
  Revised & { slot: string; reason: string; skippedAt: string }
>;

export type RefreshScheduleSet = DomainEvent<
  'RefreshScheduleSet',
  Revised & { cron: string; timezone: string; setAt: string }
>;

export type RefreshScheduleRemoved = DomainEvent<'RefreshScheduleRemoved', Revised & { removedAt: string }>;

export type ProfileVersionEvent =
  | ProfileVersionOpened
  | SnapshotJobQueued
  | SnapshotJobStarted
  | SnapshotJobSucceeded
  | SnapshotJobFailed
  | ScheduledSlotAttached
  | ScheduledSlotSkipped
  | RefreshScheduleSet
  | RefreshScheduleRemoved;

const profileVersionEventTypes: ReadonlySet<string> = new Set<ProfileVersionEvent['type']>([
  'ProfileVersionOpened',
  'SnapshotJobQueued',
  'SnapshotJobStarted',
  'SnapshotJobSucceeded',
  'SnapshotJobFailed',
  'ScheduledSlotAttached',
  'ScheduledSlotSkipped',
  'RefreshScheduleSet',
  'RefreshScheduleRemoved',
]);

/** Picks the events of versions' job series out of a global feed, where events of every aggregate pass by. */
export function isProfileVersionEvent<E extends { type: string }>(event: E): event is E & ProfileVersionEvent {
  return profileVersionEventTypes.has(event.type);
}

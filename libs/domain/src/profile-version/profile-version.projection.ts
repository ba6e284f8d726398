import { optional } from '../optional-field.js';
import type {
  ProfileVersionEvent,
  ProfileVersionOpened,
  SnapshotJobFailed,
  SnapshotJobQueued,
  SnapshotJobStarted,
  SnapshotJobSucceeded,
} from './profile-version.events.js';
import { slotInstant } from './scheduled-slot.js';
import type { SnapshotJobFailureCode } from './snapshot-job-failure-code.js';
import type { SnapshotJobStatus } from './snapshot-job-status.js';
import type { SnapshotJobTrigger } from './snapshot-job-trigger.js';

/** A snapshot job as the API shows it (camelCase; the gateway maps to snake_case), plus internals. */
export interface SnapshotJobView {
  readonly id: string;
  readonly profileId: string;
  readonly workspaceId: string;
  readonly version: number;
  readonly trigger: SnapshotJobTrigger;
  readonly status: SnapshotJobStatus;
  /** The schedule slot that queued it (`scheduled_refresh`). */
  readonly slot?: string;
  readonly queuedAt: string;
  /** When its latest attempt started. */
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** The highest attempt started (0 until a builder agent picks it up). */
  readonly attempts: number;
  readonly agentId?: string;
  readonly errorCode?: SnapshotJobFailureCode;
  readonly errorMessage?: string;
  readonly imageDigest?: string;
  /** Where the built image lives; not part of the API. */
  readonly imageRef?: string;
  readonly sizeBytes?: number;
}

/** The snapshot new sessions of a version boot from: the image of its latest successful job. */
export interface ProfileSnapshotView {
  readonly imageRef: string;
  readonly imageDigest: string;
  readonly sizeBytes: number;
  readonly builtAt: string;
  readonly jobId: string;
}

/** What the events of one version's job series tell, apart from its jobs themselves. */
export interface VersionSeriesRecord {
  readonly profileId: string;
  readonly workspaceId: string;
  readonly version: number;
  readonly revision: number;
  readonly latestJobId?: string;
  readonly activeJobId?: string;
  readonly currentSnapshot?: ProfileSnapshotView;
  readonly refreshSchedule?: { readonly cron: string; readonly timezone: string; readonly setAt: string };
  /** The latest slot handled (queued, attached or skipped), from which the scheduler looks for the next. */
  readonly lastSlot?: string;
}

type SeriesChange = Exclude<ProfileVersionEvent, ProfileVersionOpened>;

export function openedSeries({ data }: ProfileVersionOpened): VersionSeriesRecord {
  return { profileId: data.profileId, workspaceId: data.workspaceId, version: data.version, revision: 1 };
}

/** The series after one of its events; the caller has checked that the event is newer than the record. */
export function evolveSeries(series: VersionSeriesRecord, event: SeriesChange): VersionSeriesRecord {
  const revised = { ...series, revision: event.data.revision };
  switch (event.type) {
    case 'SnapshotJobQueued': {
      const { jobId, slot } = event.data;
      return withLaterSlot({ ...revised, latestJobId: jobId, activeJobId: jobId }, slot);
    }
    case 'SnapshotJobStarted':
      return revised;
    case 'SnapshotJobSucceeded': {
      const { jobId, imageRef, imageDigest, sizeBytes, finishedAt } = event.data;
      const currentSnapshot = { imageRef, imageDigest, sizeBytes, builtAt: finishedAt, jobId };
      return { ...withoutActiveJob(revised), currentSnapshot };
    }
    case 'SnapshotJobFailed':
      // The snapshot stays whatever it was: a failed refresh takes nothing away.
      return withoutActiveJob(revised);
    case 'ScheduledSlotAttached':
    case 'ScheduledSlotSkipped':
      return withLaterSlot(revised, event.data.slot);
    case 'RefreshScheduleSet': {
      const { cron, timezone, setAt } = event.data;
      return { ...revised, refreshSchedule: { cron, timezone, setAt } };
    }
    case 'RefreshScheduleRemoved': {
      const { refreshSchedule: _removed, ...rest } = revised;
      return rest;
    }
  }
}

export function queuedJob({ data }: SnapshotJobQueued): SnapshotJobView {
  return {
    id: data.jobId,
    profileId: data.profileId,
    workspaceId: data.workspaceId,
    version: data.version,
    trigger: data.trigger,
    status: 'queued',
    ...optional('slot', data.slot),
    queuedAt: data.queuedAt,
    attempts: 0,
  };
}

export function evolveJob(
  job: SnapshotJobView,
  event: SnapshotJobStarted | SnapshotJobSucceeded | SnapshotJobFailed,
): SnapshotJobView {
  switch (event.type) {
    case 'SnapshotJobStarted': {
      const { agentId, attempt, startedAt } = event.data;
      return { ...job, status: 'running', attempts: attempt, agentId, startedAt };
    }
    case 'SnapshotJobSucceeded': {
      const { imageRef, imageDigest, sizeBytes, finishedAt } = event.data;
      return { ...job, status: 'succeeded', imageRef, imageDigest, sizeBytes, finishedAt };
    }
    case 'SnapshotJobFailed': {
      const { errorCode, errorMessage, finishedAt } = event.data;
      return { ...job, status: 'failed', errorCode, errorMessage, finishedAt };
    }
  }
}

function withoutActiveJob(series: VersionSeriesRecord): VersionSeriesRecord {
  const { activeJobId: _finished, ...rest } = series;
  return rest;
}

/** Slots may be handled out of order (a late one skipped after a newer one fired): the latest stays. */
function withLaterSlot(series: VersionSeriesRecord, slot: string | undefined): VersionSeriesRecord {
  if (slot === undefined) return series;
  if (series.lastSlot !== undefined && slotInstant(series.lastSlot) >= slotInstant(slot)) return series;
  return { ...series, lastSlot: slot };
}

import type { Decider } from '../decider.js';
import { DomainError } from '../domain-error.js';
import { ProfileErrorCode } from '../profile/profile-error-code.js';
import { profileSpec } from '../profile/profile-spec.js';
import type { ProfileVersionCommand, QueueSnapshotJob } from './profile-version.commands.js';
import { ProfileVersionErrorCode } from './profile-version-error-code.js';
import type { ProfileVersionEvent } from './profile-version.events.js';
import type { ProfileVersionState, SnapshotJobState } from './profile-version.state.js';
import { refreshScheduleViolations } from './refresh-schedule.js';
import { isSlotTooLate, SCHEDULED_SLOT_LATE_REASON, slotInstant } from './scheduled-slot.js';

type OpenVersionState = Extract<ProfileVersionState, { status: 'open' }>;

/**
 * The job series of one published version: its snapshot jobs (`queued` → `running` → `succeeded`
 * | `failed`), which of them built its current snapshot, and its refresh schedule.
 *
 * At most one job is queued or running at a time. The orchestrator appends with the revision it
 * read, so of concurrent refreshes only the first wins; the others are decided again on the state
 * it wrote and refused, naming the active job. A schedule slot that finds a job active counts it as
 * its own instead, and each slot is handled once, whatever the number of scheduler replicas.
 *
 * Reports of a job already finished change nothing: a builder agent's redelivered or late report
 * must not undo a result, nor a failed refresh replace the snapshot a version already has.
 */
export const profileVersionDecider: Decider<ProfileVersionCommand, ProfileVersionState, ProfileVersionEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'OpenVersion') {
      // Opened from the publication event, which may be delivered more than once: each part happens once.
      const { profileId, workspaceId, version, spec, firstJobId, at } = command.data;
      const opening: ProfileVersionEvent[] =
        state.status === 'none' ? [{ type: 'ProfileVersionOpened', data: { profileId, workspaceId, version, spec: profileSpec(spec), openedAt: at } }] : [];
      const series = opening.reduce(profileVersionDecider.evolve, state);
      return [...opening, ...profileVersionDecider.decide({ type: 'QueueSnapshotJob', data: { jobId: firstJobId, trigger: 'publish', at } }, series)];
    }

    const series = opened(state);
    const next = {
      profileId: series.profileId,
      workspaceId: series.workspaceId,
      version: series.version,
      revision: series.revision + 1,
    };
    switch (command.type) {
      case 'QueueSnapshotJob': {
        const { jobId, trigger, at } = command.data;
        // A retried command finds its own job.
        if (series.jobs.has(jobId)) return [];
        if (trigger === 'scheduled_refresh') return decideSlot(series, command.data, next);
        // Publishing queues the version's first job only, whatever id a retry comes with.
        if (trigger === 'publish' && series.jobs.size > 0) return [];
        assertNoActiveJob(series);
        return [{ type: 'SnapshotJobQueued', data: { ...next, jobId, trigger, queuedAt: at } }];
      }
      case 'StartSnapshotJob': {
        const { jobId, agentId, attempt, at } = command.data;
        const job = knownJob(series, jobId);
        if (isFinished(job) || attempt <= job.lastAttempt) return [];
        return [{ type: 'SnapshotJobStarted', data: { ...next, jobId, agentId, attempt, startedAt: at } }];
      }
      case 'SucceedSnapshotJob': {
        const { jobId, imageRef, imageDigest, sizeBytes, at } = command.data;
        if (isFinished(knownJob(series, jobId))) return [];
        return [
          {
            type: 'SnapshotJobSucceeded',
            data: { ...next, jobId, imageRef, imageDigest, sizeBytes, finishedAt: at },
          },
        ];
      }
      case 'FailSnapshotJob': {
        const { jobId, errorCode, errorMessage, at } = command.data;
        if (isFinished(knownJob(series, jobId))) return [];
        return [{ type: 'SnapshotJobFailed', data: { ...next, jobId, errorCode, errorMessage, finishedAt: at } }];
      }
      case 'SetRefreshSchedule': {
        const { cron, timezone, at } = command.data;
        assertValid('refresh schedule', refreshScheduleViolations({ cron, timezone }));
        const current = series.refreshSchedule;
        if (current?.cron === cron && current.timezone === timezone) return [];
        return [{ type: 'RefreshScheduleSet', data: { ...next, cron, timezone, setAt: at } }];
      }
      case 'RemoveRefreshSchedule':
        if (series.refreshSchedule === undefined) return [];
        return [{ type: 'RefreshScheduleRemoved', data: { ...next, removedAt: command.data.at } }];
      case 'SkipScheduledSlot': {
        const { slot, reason, at } = command.data;
        if (!isPendingSlot(series, slot)) return [];
        return [{ type: 'ScheduledSlotSkipped', data: { ...next, slot, reason, skippedAt: at } }];
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'ProfileVersionOpened') {
      const { profileId, workspaceId, version } = event.data;
      return { status: 'open', profileId, workspaceId, version, jobs: new Map(), handledSlots: new Set(), revision: 1 };
    }
    if (state.status === 'none') return state;
    const revised = { ...state, revision: event.data.revision };
    switch (event.type) {
      case 'SnapshotJobQueued': {
        const { jobId, slot } = event.data;
        return {
          ...revised,
          jobs: new Map(state.jobs).set(jobId, { status: 'queued', lastAttempt: 0 }),
          activeJobId: jobId,
          handledSlots: slot === undefined ? state.handledSlots : withSlot(state, slot),
        };
      }
      case 'SnapshotJobStarted': {
        const { jobId, attempt } = event.data;
        return { ...revised, jobs: new Map(state.jobs).set(jobId, { status: 'running', lastAttempt: attempt }) };
      }
      case 'SnapshotJobSucceeded':
      case 'SnapshotJobFailed': {
        const { jobId } = event.data;
        const job = state.jobs.get(jobId) ?? { lastAttempt: 0 };
        const status = event.type === 'SnapshotJobSucceeded' ? 'succeeded' : 'failed';
        const { activeJobId: _finished, ...rest } = revised;
        return { ...rest, jobs: new Map(state.jobs).set(jobId, { ...job, status }) };
      }
      case 'ScheduledSlotAttached':
      case 'ScheduledSlotSkipped':
        return { ...revised, handledSlots: withSlot(state, event.data.slot) };
      case 'RefreshScheduleSet': {
        const { cron, timezone } = event.data;
        return { ...revised, refreshSchedule: { cron, timezone } };
      }
      case 'RefreshScheduleRemoved': {
        const { refreshSchedule: _removed, ...rest } = revised;
        return rest;
      }
    }
  },
};

/**
 * A slot of the refresh schedule fires: it queues a job, attaches to the active one, or is skipped
 * when more than a day late. A slot already handled, or one of a schedule removed since the
 * scheduler read it, changes nothing.
 */
function decideSlot(
  series: OpenVersionState,
  command: QueueSnapshotJob['data'],
  next: { profileId: string; workspaceId: string; version: number; revision: number },
): ProfileVersionEvent[] {
  const { jobId, slot, at } = command;
  if (slot === undefined) {
    throw new DomainError(ProfileErrorCode.Invalid, 'invalid scheduled refresh: slot is required');
  }
  if (!isPendingSlot(series, slot)) return [];
  if (isSlotTooLate(slot, at)) {
    const reason = SCHEDULED_SLOT_LATE_REASON;
    return [{ type: 'ScheduledSlotSkipped', data: { ...next, slot, reason, skippedAt: at } }];
  }
  if (series.activeJobId !== undefined) {
    return [{ type: 'ScheduledSlotAttached', data: { ...next, slot, jobId: series.activeJobId, attachedAt: at } }];
  }
  return [{ type: 'SnapshotJobQueued', data: { ...next, jobId, trigger: 'scheduled_refresh', slot, queuedAt: at } }];
}

/** Whether the slot is still to be handled: the version has a schedule and the slot has not fired yet. */
function isPendingSlot(series: OpenVersionState, slot: string): boolean {
  const instant = slotInstant(slot);
  if (Number.isNaN(instant)) {
    throw new DomainError(ProfileErrorCode.Invalid, 'invalid scheduled slot: slot must be an ISO 8601 time');
  }
  return series.refreshSchedule !== undefined && !series.handledSlots.has(instant);
}

function withSlot(state: OpenVersionState, slot: string): ReadonlySet<number> {
  return new Set(state.handledSlots).add(slotInstant(slot));
}

function assertNoActiveJob(series: OpenVersionState): void {
  const { activeJobId } = series;
  if (activeJobId === undefined) return;
  const status = series.jobs.get(activeJobId)?.status ?? 'queued';
  throw new DomainError(
    ProfileVersionErrorCode.SnapshotInProgress,
    `version ${series.version} of profile ${series.profileId} already has snapshot job ${activeJobId} ${status}; ` +
      'wait for it to finish',
    { activeJobId },
  );
}

function assertValid(what: string, violations: string[]): void {
  if (violations.length > 0) {
    throw new DomainError(ProfileErrorCode.Invalid, `invalid ${what}: ${violations.join('; ')}`);
  }
}

function knownJob(series: OpenVersionState, jobId: string): SnapshotJobState {
  const job = series.jobs.get(jobId);
  if (job === undefined) {
    throw new DomainError(
      ProfileVersionErrorCode.SnapshotJobNotFound,
      `snapshot job ${jobId} not found for version ${series.version} of profile ${series.profileId}`,
    );
  }
  return job;
}

function isFinished(job: SnapshotJobState): boolean {
  return job.status === 'succeeded' || job.status === 'failed';
}

function opened(state: ProfileVersionState): OpenVersionState {
  if (state.status === 'none') throw new DomainError(ProfileVersionErrorCode.NotFound, 'profile version not found');
  return state;
}

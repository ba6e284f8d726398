import type { ProfileSpec } from '../profile/profile-spec.js';
import { profileStreamName } from '../profile/profile-stream-name.js';
import { DeciderSpecification } from '../testing/decider-specification.js';
import type {
  FailSnapshotJob,
  OpenVersion,
  QueueSnapshotJob,
  RemoveRefreshSchedule,
  SetRefreshSchedule,
  SkipScheduledSlot,
  StartSnapshotJob,
  SucceedSnapshotJob,
} from './profile-version.commands.js';
import { profileVersionDecider } from './profile-version.decider.js';
import type {
  ProfileVersionEvent,
  ProfileVersionOpened,
  RefreshScheduleRemoved,
  RefreshScheduleSet,
  ScheduledSlotAttached,
  ScheduledSlotSkipped,
  SnapshotJobFailed,
  SnapshotJobQueued,
  SnapshotJobStarted,
  SnapshotJobSucceeded,
} from './profile-version.events.js';
import { profileVersionStreamName } from './profile-version-stream-name.js';
import type { SnapshotJobTrigger } from './snapshot-job-trigger.js';

const spec = DeciderSpecification.for(profileVersionDecider);
const ids = { profileId: 'prof-1', workspaceId: 'ws-1', version: 2 };
const versionSpec: ProfileSpec = {
  baseImage: 'python:3.12-slim',
  setupScript: 'pip install uv\n',
  runConfig: { workDir: '/app' },
};
const at = '2025-01-01T10:00:00.000Z';

const open: OpenVersion = { type: 'OpenVersion', data: { ...ids, spec: versionSpec, firstJobId: 'job-1', at } };
const opened: ProfileVersionOpened = {
  type: 'ProfileVersionOpened',
  data: { ...ids, spec: versionSpec, openedAt: at },
};

const queue = (jobId: string, trigger: SnapshotJobTrigger = 'manual_refresh', slot?: string): QueueSnapshotJob => ({
  type: 'QueueSnapshotJob',
  data: { jobId, trigger, ...(slot === undefined ? {} : { slot }), at },
});
const queued = (
  revision: number,
  jobId: string,
  trigger: SnapshotJobTrigger = 'manual_refresh',
  slot?: string,
): SnapshotJobQueued => ({
  type: 'SnapshotJobQueued',
  data: { ...ids, revision, jobId, trigger, ...(slot === undefined ? {} : { slot }), queuedAt: at },
});

const start = (jobId: string, attempt = 1, agentId = 'agent-a'): StartSnapshotJob => ({
  type: 'StartSnapshotJob',
  data: { jobId, agentId, attempt, at },
});
const started = (revision: number, jobId: string, attempt = 1, agentId = 'agent-a'): SnapshotJobStarted => ({
  type: 'SnapshotJobStarted',
  data: { ...ids, revision, jobId, agentId, attempt, startedAt: at },
});

const image = (jobId: string) => ({
  imageRef: `registry.local/snapforge/prof-1:2-${jobId}`,
  imageDigest: `sha256:${jobId}`,
  sizeBytes: 1_000_000,
});
const succeed = (jobId: string): SucceedSnapshotJob => ({
  type: 'SucceedSnapshotJob',
  data: { jobId, ...image(jobId), at },
});
const succeeded = (revision: number, jobId: string): SnapshotJobSucceeded => ({
  type: 'SnapshotJobSucceeded',
  data: { ...ids, revision, jobId, ...image(jobId), finishedAt: at },
});

const fail = (jobId: string, errorCode = 'setup_script_failed'): FailSnapshotJob => ({
  type: 'FailSnapshotJob',
  data: { jobId, errorCode, errorMessage: 'exit status 1', at },
});
const failed = (revision: number, jobId: string, errorCode = 'setup_script_failed'): SnapshotJobFailed => ({
  type: 'SnapshotJobFailed',
  data: { ...ids, revision, jobId, errorCode, errorMessage: 'exit status 1', finishedAt: at },
});

const setSchedule = (cron = '0 3 * * *', timezone = 'Europe/Berlin'): SetRefreshSchedule => ({
  type: 'SetRefreshSchedule',
  data: { cron, timezone, at },
});
const scheduleSet = (revision: number, cron = '0 3 * * *', timezone = 'Europe/Berlin'): RefreshScheduleSet => ({
  type: 'RefreshScheduleSet',
  data: { ...ids, revision, cron, timezone, setAt: at },
});
const removeSchedule: RemoveRefreshSchedule = { type: 'RemoveRefreshSchedule', data: { at } };
const scheduleRemoved = (revision: number): RefreshScheduleRemoved => ({
  type: 'RefreshScheduleRemoved',
  data: { ...ids, revision, removedAt: at },
});

// A slot an hour before `at`, and one more than a day before it.
const slot = '2025-01-01T09:00:00.000Z';
const lateSlot = '2024-12-31T09:59:59.000Z';
const fire = (jobId: string, firedSlot = slot, firedAt = at): QueueSnapshotJob => ({
  type: 'QueueSnapshotJob',
  data: { jobId, trigger: 'scheduled_refresh', slot: firedSlot, at: firedAt },
});
const attached = (revision: number, jobId: string, attachedSlot = slot): ScheduledSlotAttached => ({
  type: 'ScheduledSlotAttached',
  data: { ...ids, revision, slot: attachedSlot, jobId, attachedAt: at },
});
const skip = (skippedSlot = slot, reason = 'scheduler paused'): SkipScheduledSlot => ({
  type: 'SkipScheduledSlot',
  data: { slot: skippedSlot, reason, at },
});
const skipped = (revision: number, skippedSlot = slot, reason = 'scheduler paused'): ScheduledSlotSkipped => ({
  type: 'ScheduledSlotSkipped',
  data: { ...ids, revision, slot: skippedSlot, reason, skippedAt: at },
});

// The series at each stage, as its stream would hold it.
const queuedFirst = [opened, queued(2, 'job-1', 'publish')];
const running = [...queuedFirst, started(3, 'job-1')];
const usable = [...running, succeeded(4, 'job-1')];
const firstFailed = [...running, failed(4, 'job-1')];
const refreshing = [...usable, queued(5, 'job-2')];
const scheduled = [...usable, scheduleSet(5)];
const scheduledRunning = [...scheduled, queued(6, 'job-2'), started(7, 'job-2')];

describe('profile version decider', () => {
  describe('OpenVersion', () => {
    it('opens the series with a copy of the published spec and queues its first job', () => {
      spec.given([]).when(open).then(queuedFirst);
    });

    it('stores only the fields of the spec, whatever else the command carries', () => {
      const straySpec = { ...versionSpec, privileged: true };
      const stray = { type: 'OpenVersion', data: { ...open.data, spec: straySpec } } as OpenVersion;
      spec.given([]).when(stray).then(queuedFirst);
    });

    it('ignores a repeated opening, e.g. from a redelivered publication', () => {
      spec.given(queuedFirst).when(open).then([]);
      spec.given(refreshing).when(open).then([]);
    });

    it('queues the first job of a series opened without one (written before opening queued it)', () => {
      spec.given([opened]).when(open).then(queuedFirst.slice(1));
    });
  });

  describe('QueueSnapshotJob', () => {
    it("queues the version's first job on publication", () => {
      spec.given([opened]).when(queue('job-1', 'publish')).then(queuedFirst.slice(1));
    });

    it('queues a manual refresh once the previous job finished, succeeded or failed', () => {
      spec.given(usable).when(queue('job-2')).then([queued(5, 'job-2')]);
      spec.given(firstFailed).when(queue('job-2')).then([queued(5, 'job-2')]);
    });

    it.each([
      ['queued', queuedFirst],
      ['running', running],
    ])('refuses a refresh while a job is %s, naming it in the message and the details', (status, given) => {
      spec
        .given(given)
        .when(queue('job-2'))
        .thenThrows('PROFILE_VERSION_SNAPSHOT_IN_PROGRESS', `snapshot job job-1 ${status}`, { activeJobId: 'job-1' });
    });

    it('refuses a refresh while a refresh is queued, naming that one', () => {
      spec
        .given(refreshing)
        .when(queue('job-3'))
        .thenThrows('PROFILE_VERSION_SNAPSHOT_IN_PROGRESS', 'job-2', { activeJobId: 'job-2' });
    });

    it('of fifty refreshes decided one after the other on what the previous wrote, queues exactly one', () => {
      let history: ProfileVersionEvent[] = [...usable];
      let refused = 0;
      for (let n = 0; n < 50; n += 1) {
        const state = history.reduce(profileVersionDecider.evolve, profileVersionDecider.initialState());
        try {
          history = [...history, ...profileVersionDecider.decide(queue(`job-r${n}`), state)];
        } catch {
          refused += 1;
        }
      }
      const refreshes = history.slice(usable.length);
      expect(refreshes).toEqual([queued(5, 'job-r0')]);
      expect(refused).toBe(49);
    });

    it('ignores a retried command: it finds its own job, whatever became of it', () => {
      spec.given(queuedFirst).when(queue('job-1', 'publish')).then([]);
      spec.given(refreshing).when(queue('job-2')).then([]);
      spec.given([...refreshing, failed(6, 'job-2')]).when(queue('job-2')).then([]);
    });

    it("queues the version's first job once, whatever id a repeated publication comes with", () => {
      spec.given(queuedFirst).when(queue('job-9', 'publish')).then([]);
      spec.given(firstFailed).when(queue('job-9', 'publish')).then([]);
    });

    it('refuses when the version was never opened', () => {
      spec.given([]).when(queue('job-1', 'publish')).thenThrows('PROFILE_VERSION_NOT_FOUND');
    });
  });

  describe('QueueSnapshotJob for a slot of the refresh schedule', () => {
    it('queues a job for the slot when none is active', () => {
      spec
        .given(scheduled)
        .when(fire('job-2'))
        .then([queued(6, 'job-2', 'scheduled_refresh', slot)]);
    });

    it('attaches the slot to the active job instead of queueing another, whatever triggered that one', () => {
      spec.given(scheduledRunning).when(fire('job-3')).then([attached(8, 'job-2')]);
      spec
        .given([...scheduled, queued(6, 'job-2')])
        .when(fire('job-3'))
        .then([attached(7, 'job-2')]);
    });

    it('handles each slot once: queued, attached or skipped, it fires no more', () => {
      const slotQueued = [...scheduled, queued(6, 'job-2', 'scheduled_refresh', slot)];
      spec.given(slotQueued).when(fire('job-3')).then([]);
      spec.given([...slotQueued, succeeded(7, 'job-2')]).when(fire('job-3')).then([]);
      const slotAttached = [...scheduledRunning, attached(8, 'job-2')];
      spec.given(slotAttached).when(fire('job-3')).then([]);
      spec.given([...slotAttached, succeeded(9, 'job-2')]).when(fire('job-3')).then([]);
      spec.given([...scheduled, skipped(6)]).when(fire('job-3')).then([]);
    });

    it('knows a slot written with another precision or offset as the same slot', () => {
      const slotQueued = [...scheduled, queued(6, 'job-2', 'scheduled_refresh', slot)];
      spec.given(slotQueued).when(fire('job-3', '2025-01-01T09:00:00Z')).then([]);
      spec.given(slotQueued).when(fire('job-3', '2025-01-01T10:00:00+01:00')).then([]);
    });

    it('fires the next slot after one already handled', () => {
      const next = '2025-01-01T09:30:00.000Z';
      spec
        .given([...scheduled, queued(6, 'job-2', 'scheduled_refresh', slot), succeeded(7, 'job-2')])
        .when(fire('job-3', next))
        .then([queued(8, 'job-3', 'scheduled_refresh', next)]);
    });

    it('records a slot more than a day late as skipped, even with a job active', () => {
      spec.given(scheduled).when(fire('job-2', lateSlot)).then([skipped(6, lateSlot, 'late')]);
      spec.given(scheduledRunning).when(fire('job-3', lateSlot)).then([skipped(8, lateSlot, 'late')]);
    });

    it('still queues a slot exactly a day late', () => {
      const dayOld = '2024-12-31T10:00:00.000Z';
      spec
        .given(scheduled)
        .when(fire('job-2', dayOld))
        .then([queued(6, 'job-2', 'scheduled_refresh', dayOld)]);
    });

    it('ignores a slot of a schedule removed since, or never set', () => {
      spec.given([...scheduled, scheduleRemoved(6)]).when(fire('job-2')).then([]);
      spec.given(usable).when(fire('job-2')).then([]);
    });

    it('refuses a scheduled refresh without a slot, or with one that is no time', () => {
      spec.given(scheduled).when(queue('job-2', 'scheduled_refresh')).thenThrows('PROFILE_INVALID', 'slot is required');
      spec
        .given(scheduled)
        .when(fire('job-2', 'tomorrow'))
        .thenThrows('PROFILE_INVALID', 'slot must be an ISO 8601 time');
    });

    it('leaves the slot out of a job another trigger queued', () => {
      spec.given(usable).when(queue('job-2', 'manual_refresh', slot)).then([queued(5, 'job-2')]);
    });
  });

  describe('StartSnapshotJob', () => {
    it('starts a queued job', () => {
      spec.given(queuedFirst).when(start('job-1')).then([started(3, 'job-1')]);
    });

    it('records a redelivery to another agent as a higher attempt', () => {
      spec.given(running).when(start('job-1', 2, 'agent-b')).then([started(4, 'job-1', 2, 'agent-b')]);
    });

    it('ignores a repeated or late start', () => {
      spec.given(running).when(start('job-1')).then([]);
      spec.given([...running, started(4, 'job-1', 2)]).when(start('job-1', 1)).then([]);
    });

    it('ignores a start of a finished job', () => {
      spec.given(usable).when(start('job-1', 2)).then([]);
      spec.given(firstFailed).when(start('job-1', 2)).then([]);
    });

    it('refuses a start of an unknown job, naming it', () => {
      spec.given(queuedFirst).when(start('job-9')).thenThrows('SNAPSHOT_JOB_NOT_FOUND', 'snapshot job job-9');
    });

    it('refuses when the version does not exist', () => {
      spec.given([]).when(start('job-1')).thenThrows('PROFILE_VERSION_NOT_FOUND');
    });
  });

  describe('SucceedSnapshotJob', () => {
    it('succeeds a running job with its image', () => {
      spec.given(running).when(succeed('job-1')).then([succeeded(4, 'job-1')]);
    });

    it('succeeds a job whose start was never recorded', () => {
      spec.given(queuedFirst).when(succeed('job-1')).then([succeeded(3, 'job-1')]);
    });

    it('succeeds a refresh: its image replaces the snapshot', () => {
      spec.given(refreshing).when(succeed('job-2')).then([succeeded(6, 'job-2')]);
    });

    it('ignores a repeated or late report for a finished job, even one that contradicts it', () => {
      spec.given(usable).when(succeed('job-1')).then([]);
      spec.given(firstFailed).when(succeed('job-1')).then([]);
    });

    it('refuses an unknown job', () => {
      spec.given(queuedFirst).when(succeed('job-9')).thenThrows('SNAPSHOT_JOB_NOT_FOUND');
    });
  });

  describe('FailSnapshotJob', () => {
    it.each(['setup_script_failed', 'setup_script_timeout', 'base_image_pull_failed', 'image_too_large', 'agent_lost'])(
      'fails a running job with the code %s',
      (errorCode) => {
        spec.given(running).when(fail('job-1', errorCode)).then([failed(4, 'job-1', errorCode)]);
      },
    );

    it('fails a job still queued, e.g. when no agent could take it', () => {
      spec.given(queuedFirst).when(fail('job-1', 'agent_lost')).then([failed(3, 'job-1', 'agent_lost')]);
    });

    it('passes an error code it does not know through', () => {
      spec.given(running).when(fail('job-1', 'disk_full')).then([failed(4, 'job-1', 'disk_full')]);
    });

    it('fails a refresh without a word about the snapshot the version keeps', () => {
      spec.given(refreshing).when(fail('job-2')).then([failed(6, 'job-2')]);
    });

    it('ignores a repeated or late report for a finished job, even one that contradicts it', () => {
      spec.given(firstFailed).when(fail('job-1', 'agent_lost')).then([]);
      spec.given(usable).when(fail('job-1', 'agent_lost')).then([]);
    });

    it('refuses an unknown job', () => {
      spec.given(queuedFirst).when(fail('job-9')).thenThrows('SNAPSHOT_JOB_NOT_FOUND');
    });
  });

  describe('SetRefreshSchedule and RemoveRefreshSchedule', () => {
    it('sets a schedule, before or after the first job finished', () => {
      spec.given(queuedFirst).when(setSchedule()).then([scheduleSet(3)]);
      spec.given(usable).when(setSchedule()).then([scheduleSet(5)]);
    });

    it('replaces the schedule, and records nothing when it is set unchanged', () => {
      spec.given(scheduled).when(setSchedule('0 * * * *')).then([scheduleSet(6, '0 * * * *')]);
      spec.given(scheduled).when(setSchedule('0 3 * * *', 'UTC')).then([scheduleSet(6, '0 3 * * *', 'UTC')]);
      spec.given(scheduled).when(setSchedule()).then([]);
    });

    it('refuses an empty cron or time zone, naming the fields', () => {
      spec.given(usable).when(setSchedule(' ', '')).thenThrows('PROFILE_INVALID', 'cron must not be empty');
      spec.given(usable).when(setSchedule(' ', '')).thenThrows('PROFILE_INVALID', 'timezone must not be empty');
    });

    it('removes the schedule, and ignores a removal of none', () => {
      spec.given(scheduled).when(removeSchedule).then([scheduleRemoved(6)]);
      spec.given([...scheduled, scheduleRemoved(6)]).when(removeSchedule).then([]);
      spec.given(usable).when(removeSchedule).then([]);
    });

    it('refuses when the version does not exist', () => {
      spec.given([]).when(setSchedule()).thenThrows('PROFILE_VERSION_NOT_FOUND');
      spec.given([]).when(removeSchedule).thenThrows('PROFILE_VERSION_NOT_FOUND');
    });
  });

  describe('SkipScheduledSlot', () => {
    it('records the slot as skipped with the reason', () => {
      spec.given(scheduled).when(skip()).then([skipped(6)]);
    });

    it('skips a slot without touching the active job', () => {
      spec.given(scheduledRunning).when(skip()).then([skipped(8)]);
    });

    it('ignores a slot already handled, and one of a schedule removed since', () => {
      spec.given([...scheduled, skipped(6)]).when(skip(slot, 'another reason')).then([]);
      spec.given([...scheduled, queued(6, 'job-2', 'scheduled_refresh', slot)]).when(skip()).then([]);
      spec.given([...scheduled, scheduleRemoved(6)]).when(skip()).then([]);
    });

    it('refuses a slot that is no time', () => {
      spec.given(scheduled).when(skip('soon')).thenThrows('PROFILE_INVALID', 'slot must be an ISO 8601 time');
    });
  });

  describe('profileVersionStreamName', () => {
    it('gives each published version its own stream, apart from the profile category', () => {
      expect(profileVersionStreamName('prof-1', 2)).toBe('profile_version-prof-1:2');
      expect(profileVersionStreamName('prof-1', 1)).not.toBe(profileVersionStreamName('prof-1', 2));
      expect(profileVersionStreamName('prof-1', 12)).not.toBe(profileVersionStreamName('prof-11', 2));
      const category = (stream: string) => stream.slice(0, stream.indexOf('-'));
      expect(category(profileVersionStreamName('prof-1', 1))).not.toBe(category(profileStreamName('prof-1')));
    });
  });
});

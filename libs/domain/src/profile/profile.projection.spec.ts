import type { DomainError } from '../domain-error.js';
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
} from '../profile-version/profile-version.events.js';
import { isProfileVersionEvent } from '../profile-version/profile-version.events.js';
import type { SnapshotJobView } from '../profile-version/profile-version.projection.js';
import type { SnapshotJobTrigger } from '../profile-version/snapshot-job-trigger.js';
import type { SandboxCreated } from '../sandbox/sandbox.events.js';
import type { ProfileNameReserved } from './profile-name.events.js';
import type {
  ProfileCreated,
  ProfileDeleted,
  ProfileDraftUpdated,
  ProfileEvent,
  ProfileVersionPublished,
} from './profile.events.js';
import { isProfileEvent } from './profile.events.js';
import type { ProfileVersionView, ProfileView } from './profile.projection.js';
import { ProfileReadModel } from './profile.projection.js';
import type { ProfileSpec } from './profile-spec.js';

type Event = ProfileEvent | ProfileVersionEvent;

const spec1: ProfileSpec = { baseImage: 'python:3.12-slim', setupScript: 'pip install uv\n' };
const spec2: ProfileSpec = { ...spec1, setupScript: 'pip install uv ruff\n', vcpus: 2 };
// Each event at its own minute, so that timestamps show which one was applied.
const at = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

const created = (profileId: string, overrides: Partial<ProfileCreated['data']> = {}): ProfileCreated => ({
  type: 'ProfileCreated',
  data: { profileId, workspaceId: 'ws-1', name: profileId, createdAt: at(0), ...overrides },
});
const draftUpdated = (profileId: string, revision: number, draft: ProfileSpec = spec1): ProfileDraftUpdated => ({
  type: 'ProfileDraftUpdated',
  data: { profileId, workspaceId: 'ws-1', revision, draft, updatedAt: at(revision) },
});
const published = (
  profileId: string,
  revision: number,
  version: number,
  spec: ProfileSpec = spec1,
  workspaceId = 'ws-1',
): ProfileVersionPublished => ({
  type: 'ProfileVersionPublished',
  data: { profileId, workspaceId, revision, version, spec, publishedAt: at(revision) },
});
const deleted = (profileId: string): ProfileDeleted => ({
  type: 'ProfileDeleted',
  data: { profileId, workspaceId: 'ws-1', name: profileId, deletedAt: '2025-01-02T00:00:00.000Z' },
});

/** The events of one version's job series, numbering revisions as its stream would. */
function series(profileId: string, version: number, workspaceId = 'ws-1') {
  const ids = { profileId, workspaceId, version };
  // Each version in its own hour, each revision at its own minute.
  const time = (revision: number) =>
    `2025-01-01T${String(10 + version).padStart(2, '0')}:${String(revision).padStart(2, '0')}:00.000Z`;
  return {
    time,
    opened: (): ProfileVersionOpened => ({
      type: 'ProfileVersionOpened',
      data: { ...ids, spec: version === 1 ? spec1 : spec2, openedAt: time(1) },
    }),
    queued: (
      revision: number,
      jobId: string,
      trigger: SnapshotJobTrigger = 'publish',
      slot?: string,
    ): SnapshotJobQueued => ({
      type: 'SnapshotJobQueued',
      data: { ...ids, revision, jobId, trigger, ...(slot === undefined ? {} : { slot }), queuedAt: time(revision) },
    }),
    started: (revision: number, jobId: string, attempt = 1): SnapshotJobStarted => ({
      type: 'SnapshotJobStarted',
      data: { ...ids, revision, jobId, agentId: `agent-${attempt}`, attempt, startedAt: time(revision) },
    }),
    succeeded: (revision: number, jobId: string): SnapshotJobSucceeded => ({
      type: 'SnapshotJobSucceeded',
      data: {
        ...ids,
        revision,
        jobId,
        imageRef: `registry.local/snapforge/${jobId}`,
        imageDigest: `sha256:${jobId}`,
        sizeBytes: 1_000 * revision,
        finishedAt: time(revision),
      },
    }),
    failed: (revision: number, jobId: string): SnapshotJobFailed => ({
      type: 'SnapshotJobFailed',
      data: {
        ...ids,
        revision,
        jobId,
        errorCode: 'setup_script_failed',
        errorMessage: 'exit status 1',
        finishedAt: time(revision),
      },
    }),
    scheduleSet: (revision: number, cron = '0 3 * * *'): RefreshScheduleSet => ({
      type: 'RefreshScheduleSet',
      data: { ...ids, revision, cron, timezone: 'Europe/Berlin', setAt: time(revision) },
    }),
    scheduleRemoved: (revision: number): RefreshScheduleRemoved => ({
      type: 'RefreshScheduleRemoved',
      data: { ...ids, revision, removedAt: time(revision) },
    }),
    attached: (revision: number, slot: string, jobId: string): ScheduledSlotAttached => ({
      type: 'ScheduledSlotAttached',
      data: { ...ids, revision, slot, jobId, attachedAt: time(revision) },
    }),
    skipped: (revision: number, slot: string): ScheduledSlotSkipped => ({
      type: 'ScheduledSlotSkipped',
      data: { ...ids, revision, slot, reason: 'late', skippedAt: time(revision) },
    }),
  };
}

function given(...events: Event[]): ProfileReadModel {
  const model = new ProfileReadModel();
  for (const event of events) model.apply(event);
  return model;
}
const everything = { limit: 100, offset: 0 };

function refusal(act: () => unknown): DomainError | undefined {
  try {
    act();
  } catch (error) {
    return error as DomainError;
  }
  return undefined;
}

const v1 = series('prof-1', 1);
const v2 = series('prof-1', 2);
// Version 1 built; version 2 published with its first job running.
const v1Usable = [
  created('prof-1'),
  draftUpdated('prof-1', 2),
  published('prof-1', 3, 1),
  v1.opened(),
  v1.queued(2, 'job-1'),
  v1.started(3, 'job-1'),
  v1.succeeded(4, 'job-1'),
];
const v2Building = [
  ...v1Usable,
  draftUpdated('prof-1', 4, spec2),
  published('prof-1', 5, 2, spec2),
  v2.opened(),
  v2.queued(2, 'job-2'),
  v2.started(3, 'job-2'),
];

describe('ProfileReadModel', () => {
  describe('profiles', () => {
    it('shows a created profile without draft or versions', () => {
      expect(given(created('prof-1', { name: 'python-dev' })).get('ws-1', 'prof-1')).toEqual({
        id: 'prof-1',
        workspaceId: 'ws-1',
        name: 'python-dev',
        createdAt: at(0),
        updatedAt: at(0),
      } satisfies ProfileView);
    });

    it('shows the draft as last saved', () => {
      const model = given(created('prof-1'), draftUpdated('prof-1', 2), draftUpdated('prof-1', 3, spec2));
      expect(model.get('ws-1', 'prof-1')).toMatchObject({ draft: spec2, updatedAt: at(3) });
    });

    it('finds a profile by id or name, never in another workspace', () => {
      const model = given(
        created('prof-1', { name: 'python-dev' }),
        created('prof-2', { workspaceId: 'ws-2', name: 'python-dev' }),
      );
      expect(model.get('ws-1', 'python-dev')?.id).toBe('prof-1');
      expect(model.get('ws-2', 'python-dev')?.id).toBe('prof-2');
      expect(model.get('ws-2', 'prof-1')).toBeUndefined();
      expect(model.get('ws-1', 'nope')).toBeUndefined();
    });

    it("lists a workspace's profiles newest first, filtered by name, page by page", () => {
      const model = given(
        created('prof-1', { name: 'python-dev', createdAt: at(1) }),
        created('prof-2', { name: 'node-dev', createdAt: at(2) }),
        created('prof-3', { name: 'python-ml', createdAt: at(3) }),
        created('prof-4', { workspaceId: 'ws-2', name: 'python-x', createdAt: at(4) }),
      );
      const page = model.list('ws-1', { nameContains: 'PYTHON', limit: 1, offset: 0 });
      expect(page).toMatchObject({ total: 2, items: [{ id: 'prof-3' }] });
      expect(model.list('ws-1', { ...everything, offset: 2 }).items.map((view) => view.id)).toEqual(['prof-1']);
    });
  });

  describe('versions', () => {
    it('shows a published version as not usable until its first job succeeds', () => {
      const model = given(created('prof-1'), draftUpdated('prof-1', 2), published('prof-1', 3, 1));
      expect(model.get('ws-1', 'prof-1')).toMatchObject({ latestVersion: 1, updatedAt: at(3) });
      expect(model.get('ws-1', 'prof-1')).not.toHaveProperty('activeVersion');
      expect(model.version('ws-1', 'prof-1', 1)).toEqual({
        profileId: 'prof-1',
        workspaceId: 'ws-1',
        version: 1,
        spec: spec1,
        publishedAt: at(3),
        usable: false,
      } satisfies ProfileVersionView);
    });

    it('follows the first job from queued through running to succeeded, and then is usable', () => {
      const history = v1Usable.slice(0, 5);
      const queuedJob: SnapshotJobView = {
        id: 'job-1',
        profileId: 'prof-1',
        workspaceId: 'ws-1',
        version: 1,
        trigger: 'publish',
        status: 'queued',
        queuedAt: v1.time(2),
        attempts: 0,
      };
      expect(given(...history).version('ws-1', 'prof-1', 1)).toMatchObject({
        usable: false,
        activeJob: queuedJob,
        latestJob: queuedJob,
      });

      const runningJob = { ...queuedJob, status: 'running', startedAt: v1.time(3), attempts: 1, agentId: 'agent-1' };
      expect(given(...history, v1.started(3, 'job-1')).version('ws-1', 'prof-1', 1)).toMatchObject({
        usable: false,
        activeJob: runningJob,
        latestJob: runningJob,
      });

      const usable = given(...v1Usable).version('ws-1', 'prof-1', 1);
      expect(usable).toMatchObject({
        usable: true,
        currentSnapshot: {
          imageRef: 'registry.local/snapforge/job-1',
          imageDigest: 'sha256:job-1',
          sizeBytes: 4_000,
          builtAt: v1.time(4),
          jobId: 'job-1',
        },
        latestJob: { ...runningJob, status: 'succeeded', finishedAt: v1.time(4), imageDigest: 'sha256:job-1' },
      });
      expect(usable).not.toHaveProperty('activeJob');
      expect(given(...v1Usable).get('ws-1', 'prof-1')).toMatchObject({ latestVersion: 1, activeVersion: 1 });
    });

    it('keeps the current snapshot when a refresh fails, and shows the failure as the latest job', () => {
      const refresh = [v1.queued(5, 'job-2', 'manual_refresh'), v1.started(6, 'job-2'), v1.failed(7, 'job-2')];
      const model = given(...v1Usable, ...refresh);
      const view = model.version('ws-1', 'prof-1', 1);
      expect(view).toMatchObject({
        usable: true,
        currentSnapshot: { imageDigest: 'sha256:job-1', jobId: 'job-1', builtAt: v1.time(4) },
        latestJob: {
          id: 'job-2',
          trigger: 'manual_refresh',
          status: 'failed',
          errorCode: 'setup_script_failed',
          errorMessage: 'exit status 1',
          finishedAt: v1.time(7),
        },
      });
      expect(view).not.toHaveProperty('activeJob');
      expect(view?.latestJob).not.toHaveProperty('imageDigest');
    });

    it('keeps the current snapshot while a refresh runs, and replaces it once the refresh succeeds', () => {
      const refreshing = [...v1Usable, v1.queued(5, 'job-2', 'manual_refresh'), v1.started(6, 'job-2')];
      expect(given(...refreshing).version('ws-1', 'prof-1', 1)).toMatchObject({
        currentSnapshot: { jobId: 'job-1' },
        activeJob: { id: 'job-2', status: 'running' },
      });
      expect(given(...refreshing, v1.succeeded(7, 'job-2')).version('ws-1', 'prof-1', 1)?.currentSnapshot).toEqual({
        imageRef: 'registry.local/snapforge/job-2',
        imageDigest: 'sha256:job-2',
        sizeBytes: 7_000,
        builtAt: v1.time(7),
        jobId: 'job-2',
      });
    });

    it('lists the versions newest first; none for a profile that is not there', () => {
      const model = given(...v2Building);
      expect(model.versions('ws-1', 'prof-1')?.map((view) => [view.version, view.usable])).toEqual([
        [2, false],
        [1, true],
      ]);
      expect(model.versions('ws-1', 'prof-1')?.[0]?.spec).toEqual(spec2);
      expect(model.versions('ws-2', 'prof-1')).toBeUndefined();
      expect(model.version('ws-1', 'prof-1', 3)).toBeUndefined();
    });

    it("shows a version's refresh schedule until it is removed", () => {
      const scheduled = [...v1Usable, v1.scheduleSet(5)];
      expect(given(...scheduled).version('ws-1', 'prof-1', 1)?.refreshSchedule).toEqual({
        cron: '0 3 * * *',
        timezone: 'Europe/Berlin',
      });
      const removed = given(...scheduled, v1.scheduleRemoved(6));
      expect(removed.version('ws-1', 'prof-1', 1)).not.toHaveProperty('refreshSchedule');
    });
  });

  describe('the active version', () => {
    it('stays the older usable version while a newer one builds its first snapshot', () => {
      expect(given(...v2Building).get('ws-1', 'prof-1')).toMatchObject({ latestVersion: 2, activeVersion: 1 });
    });

    it('stays the older one when the newer version fails its first job', () => {
      expect(given(...v2Building, v2.failed(4, 'job-2')).get('ws-1', 'prof-1')).toMatchObject({ activeVersion: 1 });
    });

    it('moves to the newer version once it is usable', () => {
      expect(given(...v2Building, v2.succeeded(4, 'job-2')).get('ws-1', 'prof-1')).toMatchObject({ activeVersion: 2 });
    });

    it('is the newest usable version, even when an older one was refreshed later', () => {
      const v1Refreshed = [v1.queued(5, 'job-3', 'manual_refresh'), v1.succeeded(6, 'job-3')];
      const model = given(...v2Building, v2.succeeded(4, 'job-2'), ...v1Refreshed);
      expect(model.get('ws-1', 'prof-1')).toMatchObject({ activeVersion: 2 });
    });
  });

  describe('versionForSession', () => {
    it('starts sessions from the active version by default, from v1 while v2 builds', () => {
      expect(given(...v2Building).versionForSession('ws-1', 'prof-1')).toMatchObject({
        version: 1,
        currentSnapshot: { imageDigest: 'sha256:job-1' },
      });
      expect(given(...v2Building, v2.succeeded(4, 'job-2')).versionForSession('ws-1', 'prof-1').version).toBe(2);
    });

    it('starts a session from a usable version asked for by number', () => {
      const model = given(...v2Building, v2.succeeded(4, 'job-2'));
      expect(model.versionForSession('ws-1', 'prof-1', 1)).toMatchObject({
        version: 1,
        currentSnapshot: { jobId: 'job-1' },
      });
    });

    it('refuses a version without a snapshot, naming its active job', () => {
      const error = refusal(() => given(...v2Building).versionForSession('ws-1', 'prof-1', 2));
      expect(error).toMatchObject({ code: 'PROFILE_VERSION_NOT_USABLE' });
      expect(error?.message).toContain(
        'version 2 of profile prof-1 has no usable snapshot yet: snapshot job job-2 is running',
      );
    });

    it('refuses a profile without any usable version', () => {
      const model = given(...v2Building.slice(0, 5));
      expect(refusal(() => model.versionForSession('ws-1', 'prof-1'))).toMatchObject({
        code: 'PROFILE_VERSION_NOT_USABLE',
        message: expect.stringContaining('profile prof-1 has no usable version yet'),
      });
    });

    it('refuses a version never published, and a profile not there', () => {
      const model = given(...v2Building);
      expect(refusal(() => model.versionForSession('ws-1', 'prof-1', 3))).toMatchObject({
        code: 'PROFILE_VERSION_NOT_FOUND',
      });
      expect(refusal(() => model.versionForSession('ws-2', 'prof-1'))).toMatchObject({ code: 'PROFILE_NOT_FOUND' });
    });
  });

  describe('jobs', () => {
    it('finds a job by id in its workspace only', () => {
      const model = given(...v2Building);
      expect(model.job('ws-1', 'job-2')).toMatchObject({ id: 'job-2', version: 2, status: 'running' });
      expect(model.job('ws-1', 'job-1')).toMatchObject({ status: 'succeeded', imageDigest: 'sha256:job-1' });
      expect(model.job('ws-2', 'job-2')).toBeUndefined();
      expect(model.job('ws-1', 'job-9')).toBeUndefined();
    });

    it('records the latest attempt of a job redelivered to another agent', () => {
      const model = given(...v1Usable.slice(0, 6), v1.started(4, 'job-1', 2));
      expect(model.job('ws-1', 'job-1')).toMatchObject({ attempts: 2, agentId: 'agent-2', startedAt: v1.time(4) });
    });

    it("lists every workspace's queued and running jobs, oldest queued first", () => {
      const other = series('prof-9', 1, 'ws-2');
      const model = given(
        ...v2Building,
        created('prof-9', { workspaceId: 'ws-2' }),
        published('prof-9', 2, 1, spec1, 'ws-2'),
        other.opened(),
        other.queued(2, 'job-9'),
        v1.queued(5, 'job-3', 'manual_refresh'),
      );
      expect(model.activeJobs().map((job) => [job.id, job.status, job.queuedAt])).toEqual([
        ['job-9', 'queued', other.time(2)],
        ['job-3', 'queued', v1.time(5)],
        ['job-2', 'running', v2.time(2)],
      ]);
    });
  });

  describe('schedules', () => {
    it("lists every workspace's refresh schedules with the latest slot handled", () => {
      const other = series('prof-9', 1, 'ws-2');
      const model = given(
        ...v1Usable,
        v1.scheduleSet(5),
        v1.queued(6, 'job-2', 'scheduled_refresh', '2025-01-01T03:00:00.000Z'),
        v1.attached(7, '2025-01-01T04:00:00.000Z', 'job-2'),
        // A late slot handled after a newer one does not move the latest back.
        v1.skipped(8, '2024-12-30T03:00:00.000Z'),
        created('prof-9', { workspaceId: 'ws-2' }),
        published('prof-9', 2, 1, spec1, 'ws-2'),
        other.opened(),
        other.scheduleSet(2, '*/15 * * * *'),
      );
      expect(model.schedules()).toEqual([
        {
          profileId: 'prof-1',
          workspaceId: 'ws-1',
          version: 1,
          cron: '0 3 * * *',
          timezone: 'Europe/Berlin',
          setAt: v1.time(5),
          lastSlot: '2025-01-01T04:00:00.000Z',
        },
        {
          profileId: 'prof-9',
          workspaceId: 'ws-2',
          version: 1,
          cron: '*/15 * * * *',
          timezone: 'Europe/Berlin',
          setAt: other.time(2),
        },
      ]);
    });

    it('drops a removed schedule, and shows one set again', () => {
      const removed = [...v1Usable, v1.scheduleSet(5), v1.scheduleRemoved(6)];
      expect(given(...removed).schedules()).toEqual([]);
      expect(given(...removed, v1.scheduleSet(7, '0 4 * * *')).schedules()).toMatchObject([{ cron: '0 4 * * *' }]);
    });
  });

  describe('deletion', () => {
    const deletedHistory = [...v2Building, v1.scheduleSet(5), deleted('prof-1')];

    it('hides the profile, its versions, jobs and schedules', () => {
      const model = given(...deletedHistory);
      expect(model.get('ws-1', 'prof-1')).toBeUndefined();
      expect(model.list('ws-1', everything).total).toBe(0);
      expect(model.versions('ws-1', 'prof-1')).toBeUndefined();
      expect(model.job('ws-1', 'job-2')).toBeUndefined();
      expect(model.activeJobs()).toEqual([]);
      expect(model.schedules()).toEqual([]);
    });

    it('is not undone by events delivered late, of the profile or of its series', () => {
      const late = [created('prof-1'), published('prof-1', 9, 3), v2.succeeded(4, 'job-2'), v1.queued(9, 'job-9')];
      const model = given(...deletedHistory, ...late);
      expect(model.get('ws-1', 'prof-1')).toBeUndefined();
      expect(model.job('ws-1', 'job-9')).toBeUndefined();
      expect(model.activeJobs()).toEqual([]);
    });
  });

  describe('replay', () => {
    const other = series('prof-2', 1);
    const history: Event[] = [
      ...v2Building,
      created('prof-2', { name: 'node-dev', createdAt: at(5) }),
      draftUpdated('prof-2', 2),
      published('prof-2', 3, 1),
      other.opened(),
      other.queued(2, 'job-5'),
      other.failed(3, 'job-5'),
      v1.scheduleSet(5),
      v1.queued(6, 'job-3', 'scheduled_refresh', '2025-01-01T03:00:00.000Z'),
      v2.succeeded(4, 'job-2'),
      v1.failed(7, 'job-3'),
      v1.scheduleSet(8, '0 5 * * *'),
      v1.scheduleRemoved(9),
      draftUpdated('prof-1', 6, { ...spec2, setupScript: 'true\n' }),
    ];
    const dump = (model: ProfileReadModel) => ({
      profiles: model.list('ws-1', everything),
      versions: [model.versions('ws-1', 'prof-1'), model.versions('ws-1', 'prof-2')],
      jobs: ['job-1', 'job-2', 'job-3', 'job-5'].map((id) => model.job('ws-1', id)),
      active: model.activeJobs(),
      schedules: model.schedules(),
    });

    it('rebuilds from the events alone the model that was kept live', () => {
      const live = new ProfileReadModel();
      for (const event of history) live.apply(event);
      expect(dump(given(...history))).toEqual(dump(live));
      expect(live.get('ws-1', 'prof-1')).toMatchObject({ activeVersion: 2, draft: { setupScript: 'true\n' } });
      expect(live.version('ws-1', 'prof-1', 1)).toMatchObject({
        currentSnapshot: { jobId: 'job-1' },
        latestJob: { id: 'job-3', status: 'failed' },
      });
    });

    it('is unchanged by redelivered events, even late ones', () => {
      expect(dump(given(...history, ...history))).toEqual(dump(given(...history)));
      const late: Event[] = [
        v1.scheduleSet(8, '0 5 * * *'),
        v1.started(3, 'job-1'),
        v1.queued(6, 'job-3', 'scheduled_refresh', '2025-01-01T03:00:00.000Z'),
        v2.started(3, 'job-2'),
        draftUpdated('prof-1', 4, spec2),
        published('prof-1', 5, 2, spec2),
        created('prof-1', { name: 'renamed' }),
        v1.opened(),
      ];
      expect(dump(given(...history, ...late))).toEqual(dump(given(...history)));
    });

    it('shows a version once its publication is applied, with what its series told before', () => {
      const seriesFirst = [v1.opened(), v1.queued(2, 'job-1'), v1.succeeded(3, 'job-1'), v1.scheduleSet(4)];
      const model = given(...seriesFirst);
      expect(model.schedules()).toEqual([]);
      expect(model.activeJobs()).toEqual([]);
      for (const event of [created('prof-1'), draftUpdated('prof-1', 2), published('prof-1', 3, 1)]) model.apply(event);
      expect(model.version('ws-1', 'prof-1', 1)).toMatchObject({
        usable: true,
        refreshSchedule: { cron: '0 3 * * *' },
      });
      expect(model.get('ws-1', 'prof-1')).toMatchObject({ activeVersion: 1 });
    });

    it('ignores series events before their opening', () => {
      const model = given(created('prof-1'), published('prof-1', 2, 1), v1.queued(2, 'job-1'));
      expect(model.job('ws-1', 'job-1')).toBeUndefined();
    });
  });

  it('counts the snapshot jobs of existing profiles by status and trigger', () => {
    const gone = series('prof-2', 1);
    const model = given(
      ...v2Building,
      v2.succeeded(4, 'job-2'),
      v2.queued(5, 'job-3', 'manual_refresh'),
      created('prof-2'),
      draftUpdated('prof-2', 2),
      published('prof-2', 3, 1),
      gone.opened(),
      gone.queued(2, 'job-9'),
      deleted('prof-2'),
    );
    expect(model.jobCounts()).toEqual([
      { status: 'succeeded', trigger: 'publish', count: 2 },
      { status: 'queued', trigger: 'manual_refresh', count: 1 },
    ]);
  });

  it('takes its events from a global feed with the help of isProfileEvent and isProfileVersionEvent', () => {
    const reserved: ProfileNameReserved = {
      type: 'ProfileNameReserved',
      data: { workspaceId: 'ws-1', name: 'prof-1', profileId: 'prof-1', reservedAt: at(0) },
    };
    const sandbox = { type: 'SandboxCreated', data: { sandboxId: 'box-1' } } as unknown as SandboxCreated;
    const feed: { type: string; data: unknown }[] = [reserved, sandbox, ...v1Usable];
    const model = new ProfileReadModel();
    for (const event of feed) if (isProfileEvent(event) || isProfileVersionEvent(event)) model.apply(event);
    expect(model.get('ws-1', 'prof-1')).toMatchObject({ activeVersion: 1 });
    expect(feed.filter(isProfileEvent)).toHaveLength(3);
    expect(feed.filter(isProfileVersionEvent)).toHaveLength(4);
  });
});

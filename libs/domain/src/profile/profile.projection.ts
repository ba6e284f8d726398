import { DomainError } from '../domain-error.js';
import { findByName } from '../naming/find-by-name.js';
import { optional } from '../optional-field.js';
import { isProfileVersionEvent, type ProfileVersionEvent } from '../profile-version/profile-version.events.js';
import type {
  ProfileSnapshotView,
  SnapshotJobView,
  VersionSeriesRecord,
} from '../profile-version/profile-version.projection.js';
import { evolveJob, evolveSeries, openedSeries, queuedJob } from '../profile-version/profile-version.projection.js';
import { ProfileVersionErrorCode } from '../profile-version/profile-version-error-code.js';
import { profileVersionStreamName } from '../profile-version/profile-version-stream-name.js';
import type { ResourceListPage, ResourceListQuery } from '../resource-list.js';
import { listResources } from '../resource-list.js';
import { ProfileErrorCode } from './profile-error-code.js';
import type { ProfileEvent } from './profile.events.js';
import { isProfileEvent } from './profile.events.js';
import type { ProfileSpec } from './profile-spec.js';

/** A profile as the API shows it (camelCase; the gateway maps to snake_case). */
export interface ProfileView {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly draft?: ProfileSpec;
  /** The newest published version. */
  readonly latestVersion?: number;
  /**
   * The newest usable version: what new sessions start from. While a newer version's first job
   * runs, or after it failed, this stays the older one.
   */
  readonly activeVersion?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A published version with what its job series tells. */
export interface ProfileVersionView {
  readonly profileId: string;
  readonly workspaceId: string;
  readonly version: number;
  readonly spec: ProfileSpec;
  readonly publishedAt: string;
  /** Once any of its jobs succeeded, for good: a failed refresh keeps the snapshot it had. */
  readonly usable: boolean;
  readonly currentSnapshot?: ProfileSnapshotView;
  readonly activeJob?: SnapshotJobView;
  /** The job queued last, active or finished. */
  readonly latestJob?: SnapshotJobView;
  readonly refreshSchedule?: { readonly cron: string; readonly timezone: string };
}

/** A version sessions can start from. */
export type UsableProfileVersionView = ProfileVersionView & { readonly currentSnapshot: ProfileSnapshotView };

/** A version's refresh schedule, for the scheduler. */
export interface RefreshScheduleView {
  readonly profileId: string;
  readonly workspaceId: string;
  readonly version: number;
  readonly cron: string;
  readonly timezone: string;
  /** Slots before this are not the schedule's. */
  readonly setAt: string;
  /** The latest slot already handled: the next to fire comes after it. */
  readonly lastSlot?: string;
}

export type ProfileListQuery = ResourceListQuery;

export type ProfileListPage = ResourceListPage<ProfileView>;

interface PublishedVersion {
  readonly spec: ProfileSpec;
  readonly publishedAt: string;
}

interface ProfileRecord {
  readonly view: Omit<ProfileView, 'activeVersion'>;
  readonly published: ReadonlyMap<number, PublishedVersion>;
  readonly revision: number;
}

/** How many snapshot jobs have one status and trigger. */
export interface JobCount {
  readonly status: SnapshotJobView['status'];
  readonly trigger: SnapshotJobView['trigger'];
  readonly count: number;
}

/**
 * Profiles, their published versions and the versions' snapshot jobs, folded from the events of
 * profile streams and of versions' job series alone (never the clock or delivery metadata), so a
 * replay from the start rebuilds the same model. A redelivered event, even a late one, changes
 * nothing: each stream's revisions tell a late event from a new one. The two kinds of streams may
 * be delivered in any order relative to each other: a version shows once its publication is
 * applied, with whatever its series already told. A deleted profile, its versions and jobs are
 * invisible.
 */
export class ProfileReadModel {
  private readonly profilesById = new Map<string, ProfileRecord>();
  // Kept so that a duplicate delivery of an old event cannot bring a profile or its jobs back.
  private readonly deletedIds = new Set<string>();
  // By the series' stream name.
  private readonly series = new Map<string, VersionSeriesRecord>();
  private readonly jobsById = new Map<string, SnapshotJobView>();

  apply(event: ProfileEvent | ProfileVersionEvent): void {
    if (this.deletedIds.has(event.data.profileId)) return;
    if (isProfileEvent(event)) this.applyProfileEvent(event);
    else this.applySeriesEvent(event);
  }

  /**
   * By id first, then by name (the API addresses profiles by either). Another workspace's profile
   * is as absent as a missing one.
   */
  get(workspaceId: string, idOrName: string): ProfileView | undefined {
    const record = this.find(workspaceId, idOrName);
    return record && this.profileView(record);
  }

  /** Newest first; equal creation times are ordered by id, so pages never overlap or skip. */
  list(workspaceId: string, query: ProfileListQuery): ProfileListPage {
    const views = [...this.profilesById.values()]
      .filter((record) => record.view.workspaceId === workspaceId)
      .map((record) => this.profileView(record));
    return listResources(views, query);
  }

  /** The profile's published versions, newest first; undefined when there is no such profile. */
  versions(workspaceId: string, profileIdOrName: string): ProfileVersionView[] | undefined {
    const record = this.find(workspaceId, profileIdOrName);
    if (record === undefined) return undefined;
    return [...record.published]
      .sort(([a], [b]) => b - a)
      .map(([version, published]) => this.versionView(record, version, published));
  }

  version(workspaceId: string, profileIdOrName: string, version: number): ProfileVersionView | undefined {
    const record = this.find(workspaceId, profileIdOrName);
    const published = record?.published.get(version);
    return record && published && this.versionView(record, version, published);
  }

  /**
   * The version a new session starts from: the one asked for, or else the profile's active
   * version. Refused when there is no such profile or version, or when it has no snapshot yet.
   */
  versionForSession(workspaceId: string, profileIdOrName: string, version?: number): UsableProfileVersionView {
    const record = this.find(workspaceId, profileIdOrName);
    if (record === undefined) {
      throw new DomainError(ProfileErrorCode.NotFound, `profile '${profileIdOrName}' not found`);
    }
    const { id } = record.view;
    const chosen = version ?? this.activeVersionOf(record);
    if (chosen === undefined) {
      throw new DomainError(
        ProfileVersionErrorCode.NotUsable,
        `profile ${id} has no usable version yet: wait for a snapshot job of a published version to succeed`,
      );
    }
    const published = record.published.get(chosen);
    if (published === undefined) {
      throw new DomainError(ProfileVersionErrorCode.NotFound, `version ${chosen} of profile ${id} not found`);
    }
    const view = this.versionView(record, chosen, published);
    if (view.currentSnapshot === undefined) {
      throw new DomainError(
        ProfileVersionErrorCode.NotUsable,
        `version ${chosen} of profile ${id} has no usable snapshot yet` +
          (view.activeJob === undefined ? '' : `: snapshot job ${view.activeJob.id} is ${view.activeJob.status}`),
      );
    }
    return { ...view, currentSnapshot: view.currentSnapshot };
  }

  /** Another workspace's job, or one of a deleted profile, is as absent as a missing one. */
  job(workspaceId: string, jobId: string): SnapshotJobView | undefined {
    const job = this.jobsById.get(jobId);
    return job?.workspaceId === workspaceId && this.profilesById.has(job.profileId) ? job : undefined;
  }

  /** Every workspace's refresh schedules of published versions, for the scheduler. */
  schedules(): RefreshScheduleView[] {
    const schedules: RefreshScheduleView[] = [];
    for (const series of this.series.values()) {
      const { profileId, workspaceId, version, refreshSchedule, lastSlot } = series;
      if (refreshSchedule === undefined || !this.isPublished(profileId, version)) continue;
      schedules.push({ profileId, workspaceId, version, ...refreshSchedule, ...optional('lastSlot', lastSlot) });
    }
    return schedules.sort((a, b) => compare(a.profileId, b.profileId) || a.version - b.version);
  }

  /** Every workspace's queued and running jobs, oldest queued first, for dispatch recovery. */
  activeJobs(): SnapshotJobView[] {
    return [...this.jobsById.values()]
      .filter((job) => (job.status === 'queued' || job.status === 'running') && this.profilesById.has(job.profileId))
      .sort((a, b) => Date.parse(a.queuedAt) - Date.parse(b.queuedAt) || compare(a.id, b.id));
  }

  /** How many snapshot jobs of existing profiles, all workspaces, have each status and trigger (only pairs that occur), for metrics. */
  jobCounts(): JobCount[] {
    const counts = new Map<string, JobCount>();
    for (const { status, trigger, profileId } of this.jobsById.values()) {
      if (!this.profilesById.has(profileId)) continue;
      const key = `${status}:${trigger}`;
      counts.set(key, { status, trigger, count: (counts.get(key)?.count ?? 0) + 1 });
    }
    return [...counts.values()];
  }

  private applyProfileEvent(event: ProfileEvent): void {
    const id = event.data.profileId;
    const record = this.profilesById.get(id);
    if (event.type === 'ProfileCreated') {
      if (record !== undefined) return;
      const { workspaceId, name, createdAt } = event.data;
      const view = { id, workspaceId, name, createdAt, updatedAt: createdAt };
      this.profilesById.set(id, { view, published: new Map(), revision: 1 });
      return;
    }
    if (record === undefined) return;
    if (event.type === 'ProfileDeleted') {
      this.forget(id);
      return;
    }
    if (event.data.revision <= record.revision) return;
    const { revision } = event.data;
    if (event.type === 'ProfileDraftUpdated') {
      const { draft, updatedAt } = event.data;
      this.profilesById.set(id, { ...record, view: { ...record.view, draft, updatedAt }, revision });
      return;
    }
    const { version, spec, publishedAt } = event.data;
    this.profilesById.set(id, {
      view: { ...record.view, latestVersion: version, updatedAt: publishedAt },
      published: new Map(record.published).set(version, { spec, publishedAt }),
      revision,
    });
  }

  private applySeriesEvent(event: ProfileVersionEvent): void {
    const key = profileVersionStreamName(event.data.profileId, event.data.version);
    const series = this.series.get(key);
    if (event.type === 'ProfileVersionOpened') {
      if (series === undefined) this.series.set(key, openedSeries(event));
      return;
    }
    if (series === undefined || event.data.revision <= series.revision) return;
    this.series.set(key, evolveSeries(series, event));
    switch (event.type) {
      case 'SnapshotJobQueued':
        this.jobsById.set(event.data.jobId, queuedJob(event));
        return;
      case 'SnapshotJobStarted':
      case 'SnapshotJobSucceeded':
      case 'SnapshotJobFailed': {
        const job = this.jobsById.get(event.data.jobId);
        if (job !== undefined) this.jobsById.set(job.id, evolveJob(job, event));
        return;
      }
    }
  }

  private forget(profileId: string): void {
    this.profilesById.delete(profileId);
    this.deletedIds.add(profileId);
    for (const [key, series] of this.series) if (series.profileId === profileId) this.series.delete(key);
    for (const [jobId, job] of this.jobsById) if (job.profileId === profileId) this.jobsById.delete(jobId);
  }

  private find(workspaceId: string, idOrName: string): ProfileRecord | undefined {
    const byId = this.profilesById.get(idOrName);
    if (byId?.view.workspaceId === workspaceId) return byId;
    const views = [...this.profilesById.values()]
      .map(({ view }) => view)
      .filter((view) => view.workspaceId === workspaceId);
    const named = findByName(views, idOrName);
    return named && this.profilesById.get(named.id);
  }

  private isPublished(profileId: string, version: number): boolean {
    return this.profilesById.get(profileId)?.published.has(version) ?? false;
  }

  private profileView(record: ProfileRecord): ProfileView {
    return { ...record.view, ...optional('activeVersion', this.activeVersionOf(record)) };
  }

  private activeVersionOf(record: ProfileRecord): number | undefined {
    const usable = [...record.published.keys()].filter(
      (version) => this.seriesOf(record, version)?.currentSnapshot !== undefined,
    );
    return usable.length === 0 ? undefined : Math.max(...usable);
  }

  private versionView(record: ProfileRecord, version: number, published: PublishedVersion): ProfileVersionView {
    const series = this.seriesOf(record, version);
    const jobOf = (jobId: string | undefined) => (jobId === undefined ? undefined : this.jobsById.get(jobId));
    const schedule = series?.refreshSchedule;
    return {
      profileId: record.view.id,
      workspaceId: record.view.workspaceId,
      version,
      spec: published.spec,
      publishedAt: published.publishedAt,
      usable: series?.currentSnapshot !== undefined,
      ...optional('currentSnapshot', series?.currentSnapshot),
      ...optional('activeJob', jobOf(series?.activeJobId)),
      ...optional('latestJob', jobOf(series?.latestJobId)),
      ...optional('refreshSchedule', schedule && { cron: schedule.cron, timezone: schedule.timezone }),
    };
  }

  private seriesOf(record: ProfileRecord, version: number): VersionSeriesRecord | undefined {
    return this.series.get(profileVersionStreamName(record.view.id, version));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every event the ProfileReadModel takes: the profiles' own and their versions' job series. */
export function isProfileReadModelEvent<E extends { type: string }>(event: E): event is E & (ProfileEvent | ProfileVersionEvent) {
  return isProfileEvent(event) || isProfileVersionEvent(event);
}

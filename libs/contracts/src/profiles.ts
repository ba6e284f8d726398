import type {
  ProfileListPage,
  ProfileSpec,
  ProfileVersionView,
  ProfileView,
  SandboxView,
  SnapshotJobTrigger,
  SnapshotJobView,
  SnapshotRunConfig,
} from '@snapforge/domain';
import { rpc } from './rpc.js';

export interface ProfileRef {
  workspaceId: string;
  idOrName: string;
}

export interface VersionRef extends ProfileRef {
  version: number;
}

/** profile-service: profiles, drafts, published versions, refresh schedules. */
export const profileRpc = {
  create: rpc<{ workspaceId: string; name: string }, ProfileView>('profile-service', 'profile.create'),
  get: rpc<ProfileRef, ProfileView>('profile-service', 'profile.get'),
  list: rpc<{ workspaceId: string; nameContains?: string; limit: number; offset: number }, ProfileListPage>('profile-service', 'profile.list'),
  updateDraft: rpc<ProfileRef & { draft: ProfileSpec }, ProfileView>('profile-service', 'profile.update-draft'),
  publish: rpc<ProfileRef, ProfileVersionView>('profile-service', 'profile.publish'),
  versions: rpc<ProfileRef, ProfileVersionView[]>('profile-service', 'profile.versions'),
  version: rpc<VersionRef, ProfileVersionView>('profile-service', 'profile.version'),
  setSchedule: rpc<VersionRef & { cron: string; timezone: string }, { cron: string; timezone: string; nextRunAt: string }>(
    'profile-service',
    'profile.set-schedule',
  ),
  removeSchedule: rpc<VersionRef, { removed: true }>('profile-service', 'profile.remove-schedule'),
};

export interface RefreshRequest extends VersionRef {
  trigger: SnapshotJobTrigger;
  /** For scheduled refreshes: the ISO time of the slot. */
  slot?: string;
}

export interface SessionRequest extends ProfileRef {
  /** Absent: the profile's active version (its newest usable one). */
  version?: number;
  name?: string;
  runConfig?: SnapshotRunConfig;
  idleTtlSeconds?: number;
  createdBy?: string;
}

/** snapshot-orchestrator: a version's snapshot jobs, and sessions from its current snapshot. */
export const snapshotJobRpc = {
  refresh: rpc<RefreshRequest, SnapshotJobView | { skipped: true }>('snapshot-orchestrator', 'snapshot-job.refresh'),
  get: rpc<{ workspaceId: string; jobId: string }, SnapshotJobView>('snapshot-orchestrator', 'snapshot-job.get'),
  session: rpc<SessionRequest, SandboxView>('snapshot-orchestrator', 'profile.session'),
};

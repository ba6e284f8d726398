import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { checkRefreshSchedule, type ProfileRef, type VersionRef } from '@snapforge/contracts';
import {
  DomainError,
  ProfileErrorCode,
  ProfileVersionErrorCode,
  profileDecider,
  profileNameDecider,
  profileNameStreamName,
  profileStreamName,
  profileVersionDecider,
  profileVersionStreamName,
  type ProfileListPage,
  type ProfileSpec,
  type ProfileVersionView,
  type ProfileView,
} from '@snapforge/domain';
import { EVENT_STORE, handleCommand, type EventStore } from '@snapforge/event-store';
import { ProfileProjection } from './profile-projection.service.js';

/** Profiles: a mutable draft, immutable published versions, and each version's refresh schedule. */
@Injectable()
export class ProfilesService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: ProfileProjection,
  ) {}

  async create({ workspaceId, name }: { workspaceId: string; name: string }): Promise<ProfileView> {
    const profileId = randomUUID();
    const at = new Date().toISOString();
    const command = { type: 'CreateProfile' as const, data: { profileId, workspaceId, name, at } };
    profileDecider.decide(command, profileDecider.initialState());
    await handleCommand(
      this.store,
      profileNameDecider,
      profileNameStreamName(workspaceId, name),
      { type: 'ReserveProfileName', data: { workspaceId, name, profileId, at } },
      { expectNew: true },
    );
    const outcome = await handleCommand(this.store, profileDecider, profileStreamName(profileId), command, { expectNew: true });
    await this.projection.waitFor(outcome.position);
    return this.get({ workspaceId, idOrName: profileId });
  }

  get({ workspaceId, idOrName }: ProfileRef): ProfileView {
    const view = this.projection.model.get(workspaceId, idOrName);
    if (!view) throw new DomainError(ProfileErrorCode.NotFound, `profile '${idOrName}' not found`);
    return view;
  }

  list({ workspaceId, nameContains, limit, offset }: { workspaceId: string; nameContains?: string; limit: number; offset: number }): ProfileListPage {
    return this.projection.model.list(workspaceId, { ...(nameContains ? { nameContains } : {}), limit, offset });
  }

  async updateDraft(ref: ProfileRef & { draft: ProfileSpec }): Promise<ProfileView> {
    const profile = this.get(ref);
    const outcome = await handleCommand(this.store, profileDecider, profileStreamName(profile.id), {
      type: 'UpdateDraft',
      data: { ...ref.draft, at: new Date().toISOString() },
    });
    await this.projection.waitFor(outcome.position);
    return this.get({ workspaceId: ref.workspaceId, idOrName: profile.id });
  }

  /** The orchestrator opens the new version's job series from the published event and queues its first job. */
  async publish(ref: ProfileRef): Promise<ProfileVersionView> {
    const profile = this.get(ref);
    const outcome = await handleCommand(this.store, profileDecider, profileStreamName(profile.id), { type: 'PublishProfile', data: { at: new Date().toISOString() } });
    await this.projection.waitFor(outcome.position);
    const published = outcome.events.find((event) => event.type === 'ProfileVersionPublished');
    if (published?.type !== 'ProfileVersionPublished') throw new Error('publishing recorded no version');
    return this.version({ workspaceId: ref.workspaceId, idOrName: profile.id, version: published.data.version });
  }

  versions(ref: ProfileRef): ProfileVersionView[] {
    const versions = this.projection.model.versions(ref.workspaceId, ref.idOrName);
    if (!versions) throw new DomainError(ProfileErrorCode.NotFound, `profile '${ref.idOrName}' not found`);
    return versions;
  }

  version({ workspaceId, idOrName, version }: VersionRef): ProfileVersionView {
    this.get({ workspaceId, idOrName });
    const view = this.projection.model.version(workspaceId, idOrName, version);
    if (!view) throw new DomainError(ProfileVersionErrorCode.NotFound, `profile '${idOrName}' has no version ${version}`);
    return view;
  }

  async setSchedule(ref: VersionRef & { cron: string; timezone: string }): Promise<{ cron: string; timezone: string; nextRunAt: string }> {
    const version = this.version(ref);
    const check = checkRefreshSchedule(ref.cron, ref.timezone);
    if (!check.ok) throw new DomainError('REFRESH_SCHEDULE_INVALID', check.message, { field: check.field });
    const outcome = await handleCommand(this.store, profileVersionDecider, profileVersionStreamName(version.profileId, version.version), {
      type: 'SetRefreshSchedule',
      data: { cron: ref.cron.trim(), timezone: ref.timezone, at: new Date().toISOString() },
    });
    await this.projection.waitFor(outcome.position);
    return { cron: ref.cron.trim(), timezone: ref.timezone, nextRunAt: check.nextRunAt.toISOString() };
  }

  async removeSchedule(ref: VersionRef): Promise<{ removed: true }> {
    const version = this.version(ref);
    const outcome = await handleCommand(this.store, profileVersionDecider, profileVersionStreamName(version.profileId, version.version), {
      type: 'RemoveRefreshSchedule',
      data: { at: new Date().toISOString() },
    });
    await this.projection.waitFor(outcome.position);
    return { removed: true };
  }
}

import type { Decider } from '../decider.js';
import { DomainError } from '../domain-error.js';
import { resourceNameViolation } from '../naming/resource-name.js';
import type { ProfileCommand } from './profile.commands.js';
import { ProfileErrorCode } from './profile-error-code.js';
import type { ProfileEvent } from './profile.events.js';
import { profileSpec, sameProfileSpec } from './profile-spec.js';
import type { ProfileState } from './profile.state.js';
import { profileDraftViolations, profileSpecViolations } from './profile.validation.js';

type ExistingProfileState = Exclude<ProfileState, { status: 'none' }>;

/**
 * A sandbox profile: one mutable draft and immutable versions published from it, numbered 1, 2, …
 * Its name is unique per workspace through the profile name guard, which the caller appends to
 * around a create or delete. Each published version's snapshot jobs live in the version's own job
 * series (`profileVersionDecider`), which the orchestrator opens from `ProfileVersionPublished`.
 *
 * A deleted profile is as gone as one never created: every command on it, a second delete
 * included, is refused with PROFILE_NOT_FOUND.
 */
export const profileDecider: Decider<ProfileCommand, ProfileState, ProfileEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'CreateProfile') {
      const { profileId, workspaceId, name, at } = command.data;
      // A deleted profile's stream still exists: ids are never reused.
      if (state.status !== 'none') {
        throw new DomainError(ProfileErrorCode.AlreadyExists, `profile ${profileId} already exists`);
      }
      const nameViolation = resourceNameViolation(name);
      assertValid('profile', nameViolation === undefined ? [] : [nameViolation]);
      return [{ type: 'ProfileCreated', data: { profileId, workspaceId, name, createdAt: at } }];
    }

    const profile = existing(state);
    const ids = { profileId: profile.profileId, workspaceId: profile.workspaceId };
    switch (command.type) {
      case 'UpdateDraft': {
        const draft = profileSpec(command.data);
        assertValid('profile draft', profileDraftViolations(draft));
        if (profile.draft !== undefined && sameProfileSpec(profile.draft, draft)) return [];
        return [
          {
            type: 'ProfileDraftUpdated',
            data: { ...ids, revision: profile.revision + 1, draft, updatedAt: command.data.at },
          },
        ];
      }
      case 'PublishProfile': {
        const { draft } = profile;
        if (draft === undefined) {
          throw new DomainError(
            ProfileErrorCode.DraftEmpty,
            `profile ${profile.profileId} has no draft to publish: save a draft first`,
          );
        }
        // Checked again in full: a draft may be saved unfinished, and a version is for ever.
        assertValid('profile version', profileSpecViolations(draft));
        return [
          {
            type: 'ProfileVersionPublished',
            data: {
              ...ids,
              revision: profile.revision + 1,
              version: profile.latestVersion + 1,
              spec: draft,
              publishedAt: command.data.at,
            },
          },
        ];
      }
      case 'DeleteProfile':
        return [{ type: 'ProfileDeleted', data: { ...ids, name: profile.name, deletedAt: command.data.at } }];
    }
  },

  evolve(state, event) {
    if (event.type === 'ProfileCreated') {
      const { profileId, workspaceId, name } = event.data;
      return { status: 'active', profileId, workspaceId, name, latestVersion: 0, revision: 1 };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'ProfileDraftUpdated':
        return { ...state, draft: event.data.draft, revision: event.data.revision };
      case 'ProfileVersionPublished':
        return { ...state, latestVersion: event.data.version, revision: event.data.revision };
      case 'ProfileDeleted':
        return { ...state, status: 'deleted' };
    }
  },
};

function assertValid(what: string, violations: string[]): void {
  if (violations.length > 0) {
    throw new DomainError(ProfileErrorCode.Invalid, `invalid ${what}: ${violations.join('; ')}`);
  }
}

/** A deleted profile is as gone as one never created. */
function existing(state: ProfileState): ExistingProfileState {
  if (state.status === 'none' || state.status === 'deleted') {
    throw new DomainError(ProfileErrorCode.NotFound, 'profile not found');
  }
  return state;
}

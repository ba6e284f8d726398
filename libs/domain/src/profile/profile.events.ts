import type { DomainEvent } from '../domain-event.js';
import type { ProfileSpec } from './profile-spec.js';

// Every event carries the profile and workspace ids so that a projection or the event feed can
// scope it without knowing the stream it came from. Every event between creation and deletion
// carries the profile's revision after it (it is created as revision 1), so that a projection
// recognises a late redelivery of an older draft and does not roll the profile back with it.
// (`version` is kept for the numbers of published versions.)

export type ProfileCreated = DomainEvent<
  'ProfileCreated',
  { profileId: string; workspaceId: string; name: string; createdAt: string }
>;

/** Carries the whole draft, which it replaces. */
export type ProfileDraftUpdated = DomainEvent<
  'ProfileDraftUpdated',
  { profileId: string; workspaceId: string; revision: number; draft: ProfileSpec; updatedAt: string }
>;

/**
 * Version `version` (1, 2, …) is published with a copy of the draft as its spec. The orchestrator
 * opens the version's job series from this event alone and queues its first snapshot job.
 */
export type ProfileVersionPublished = DomainEvent<
  'ProfileVersionPublished',
  {
    profileId: string;
    workspaceId: string;
    revision: number;
    version: number;
    spec: ProfileSpec;
    publishedAt: string;
  }
>;

/** Carries the name so that whoever releases the name reservation needs nothing but this event. */
export type ProfileDeleted = DomainEvent<
  'ProfileDeleted',
  { profileId: string; workspaceId: string; name: string; deletedAt: string }
>;

export type ProfileEvent = ProfileCreated | ProfileDraftUpdated | ProfileVersionPublished | ProfileDeleted;

const profileEventTypes: ReadonlySet<string> = new Set<ProfileEvent['type']>([
  'ProfileCreated',
  'ProfileDraftUpdated',
  'ProfileVersionPublished',
  'ProfileDeleted',
]);

/** Picks the profile events out of a global feed, where events of every aggregate pass by. */
export function isProfileEvent<E extends { type: string }>(event: E): event is E & ProfileEvent {
  return profileEventTypes.has(event.type);
}

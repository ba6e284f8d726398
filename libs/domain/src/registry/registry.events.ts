import type { DomainEvent } from '../domain-event.js';

// Every event carries the registry and workspace ids so that a projection or the event feed can
// scope it without knowing the stream it came from. The password is only ever its ciphertext.

export type RegistryCreated = DomainEvent<
  'RegistryCreated',
  {
    registryId: string;
    workspaceId: string;
    name: string;
    url: string;
    username?: string;
    passwordCiphertext?: string;
    createdBy?: string;
    createdAt: string;
  }
>;

/** Carries only the fields that changed. */
export type RegistryUpdated = DomainEvent<
  'RegistryUpdated',
  {
    registryId: string;
    workspaceId: string;
    /**
     * The registry's version after this update (it is created as version 1), so that a projection
     * recognises a late redelivery of an older update and does not roll the registry back with it.
     */
    version: number;
    name?: string;
    /** Set with `name`, so that whoever releases the old name needs nothing but this event. */
    previousName?: string;
    url?: string;
    username?: string;
    passwordCiphertext?: string;
    updatedAt: string;
  }
>;

/** Carries the name so that whoever releases the name reservation needs nothing but this event. */
export type RegistryDeleted = DomainEvent<
  'RegistryDeleted',
  { registryId: string; workspaceId: string; name: string; deletedAt: string }
>;

export type RegistryEvent = RegistryCreated | RegistryUpdated | RegistryDeleted;

const registryEventTypes: ReadonlySet<string> = new Set<RegistryEvent['type']>([
  'RegistryCreated',
  'RegistryUpdated',
  'RegistryDeleted',
]);

/** Picks the registry events out of a global feed, where events of every aggregate pass by. */
export function isRegistryEvent<E extends { type: string }>(event: E): event is E & RegistryEvent {
  return registryEventTypes.has(event.type);
}

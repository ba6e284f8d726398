import type { DomainEvent } from '../domain-event.js';

// Every event carries the workspace id so that the directory can file it without knowing the stream.

export type WorkspaceCreated = DomainEvent<
  'WorkspaceCreated',
  { workspaceId: string; name: string; createdAt: string }
>;

export type ApiKeyIssued = DomainEvent<
  'ApiKeyIssued',
  { workspaceId: string; keyId: string; keyHash: string; label?: string; issuedAt: string }
>;

/** Carries the hash so that a cache keyed by hash can drop the key from this event alone. */
export type ApiKeyRevoked = DomainEvent<
  'ApiKeyRevoked',
  { workspaceId: string; keyId: string; keyHash: string; revokedAt: string }
>;

export type WorkspaceEvent = WorkspaceCreated | ApiKeyIssued | ApiKeyRevoked;

const workspaceEventTypes: ReadonlySet<string> = new Set<WorkspaceEvent['type']>([
  'WorkspaceCreated',
  'ApiKeyIssued',
  'ApiKeyRevoked',
]);

/** Picks the workspace events out of a global feed, where events of every aggregate pass by. */
export function isWorkspaceEvent<E extends { type: string }>(event: E): event is E & WorkspaceEvent {
  return workspaceEventTypes.has(event.type);
}

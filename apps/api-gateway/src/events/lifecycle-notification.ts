import {
  isProfileEvent,
  isProfileVersionEvent,
  isRegistryEvent,
  isSandboxEvent,
  isSnapshotEvent,
} from '@snapforge/domain';
import { formatPosition, type RecordedEvent } from '@snapforge/event-store';

export type LifecycleResource = 'snapshot' | 'sandbox' | 'registry' | 'profile' | 'profile_version';

/** One entry of the workspace's event feed: a lifecycle event as the API shows it. */
export interface LifecycleNotification {
  /** The event's global position, `commit:prepare`: what a client resumes from (`Last-Event-ID`). */
  readonly id: string;
  readonly type: string;
  readonly resource: LifecycleResource;
  readonly workspaceId: string;
  readonly recordedAt: string;
  /** The event's own payload, as recorded, minus what must never leave the system. */
  readonly data: Record<string, unknown>;
}

// Workspace events (API-key hashes) and name reservations are internals, not lifecycle events.
const RESOURCES: readonly [LifecycleResource, (event: RecordedEvent) => boolean][] = [
  ['snapshot', isSnapshotEvent],
  ['sandbox', isSandboxEvent],
  ['registry', isRegistryEvent],
  ['profile', isProfileEvent],
  ['profile_version', isProfileVersionEvent],
];

// Ciphertext is not the secret, but nothing about a password leaves the system in any form.
const WITHHELD_FIELDS = new Set(['passwordCiphertext']);

/** The feed entry for `event` when it is a lifecycle event of a workspace; undefined otherwise. */
export function toLifecycleNotification(event: RecordedEvent): LifecycleNotification | undefined {
  const resource = RESOURCES.find(([, accepts]) => accepts(event))?.[0];
  if (resource === undefined || typeof event.data !== 'object' || event.data === null) return undefined;
  const data = Object.fromEntries(Object.entries(event.data).filter(([field]) => !WITHHELD_FIELDS.has(field)));
  if (typeof data['workspaceId'] !== 'string') return undefined;
  return {
    id: formatPosition(event.position),
    type: event.type,
    resource,
    workspaceId: data['workspaceId'],
    recordedAt: event.recordedAt.toISOString(),
    data,
  };
}

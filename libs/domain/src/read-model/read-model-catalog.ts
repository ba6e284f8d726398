import { isProfileReadModelEvent, ProfileReadModel } from '../profile/profile.projection.js';
import { isRegistryEvent } from '../registry/registry.events.js';
import { RegistryReadModel } from '../registry/registry.projection.js';
import { isSandboxEvent } from '../sandbox/sandbox.events.js';
import { SandboxReadModel } from '../sandbox/sandbox.projection.js';
import { isSnapshotEvent } from '../snapshot/snapshot.events.js';
import { SnapshotReadModel } from '../snapshot/snapshot.projection.js';
import { isWorkspaceEvent } from '../workspace/workspace.events.js';
import { WorkspaceDirectory } from '../workspace/workspace.projection.js';

/** A read model: a fold of the events it takes. */
export interface ReadModel<Event> {
  // A method, so that a model of one event type is also a ReadModel<unknown> (what replays of any kind hold).
  apply(event: Event): void;
}

/** A kind of read model: its name, how to make an empty one and which events it takes. */
export interface ReadModelKind<Event, Model extends ReadModel<Event>> {
  readonly name: string;
  create(): Model;
  accepts<E extends { type: string }>(event: E): event is E & Event;
}

/** A kind whose event and model types are not known here: what a replay by name works with. */
export type AnyReadModelKind = ReadModelKind<unknown, ReadModel<unknown>>;

function kind<Event, Model extends ReadModel<Event>>(
  name: string,
  create: () => Model,
  accepts: <E extends { type: string }>(event: E) => event is E & Event,
): ReadModelKind<Event, Model> {
  return { name, create, accepts };
}

/** Every read model a service keeps, by the name its projection goes by. */
export const readModels = {
  profiles: kind('profiles', () => new ProfileReadModel(), isProfileReadModelEvent),
  registries: kind('registries', () => new RegistryReadModel(), isRegistryEvent),
  sandboxes: kind('sandboxes', () => new SandboxReadModel(), isSandboxEvent),
  snapshots: kind('snapshots', () => new SnapshotReadModel(), isSnapshotEvent),
  workspaces: kind('workspaces', () => new WorkspaceDirectory(), isWorkspaceEvent),
} as const;

export const READ_MODEL_NAMES: readonly string[] = Object.keys(readModels);

export function findReadModelKind(name: string): AnyReadModelKind | undefined {
  return Object.values<AnyReadModelKind>(readModels).find((entry) => entry.name === name);
}

/** The model's event if it takes it; whether it did. */
export function applyIfAccepted<Event, Model extends ReadModel<Event>>(
  kind: ReadModelKind<Event, Model>,
  model: Model,
  event: { type: string },
): boolean {
  if (!kind.accepts(event)) return false;
  model.apply(event);
  return true;
}

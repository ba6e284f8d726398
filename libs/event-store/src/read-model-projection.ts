import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { applyIfAccepted, canonicalDump, type DumpValue, type ReadModel, type ReadModelKind } from '@snapforge/domain';
import type { EventStore } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
import { LiveProjection, type ProjectionProgress, type RebuildProgress } from './live-projection.js';
import { EVENT_STORE } from './event-store.tokens.js';

/** A projection's canonical dump with the position it reflects. */
export interface ProjectionDump {
  readonly position?: GlobalPosition;
  readonly dump: DumpValue;
}

/**
 * A service's in-memory read model as a Nest provider: replayed before the service starts answering
 * (onModuleInit runs before the listener starts), then kept live. Subclass it per read model.
 */
export abstract class ReadModelProjection<Event, Model extends ReadModel<Event>> implements OnModuleInit, OnApplicationShutdown {
  private readonly live: LiveProjection<Model>;

  protected constructor(
    store: EventStore,
    readonly kind: ReadModelKind<Event, Model>,
  ) {
    this.live = new LiveProjection(store, kind.name, () => kind.create(), (model, event) => applyIfAccepted(kind, model, event));
  }

  async onModuleInit(): Promise<void> {
    await this.live.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.live.stop();
  }

  get progress(): ProjectionProgress {
    return this.live.progress;
  }

  get name(): string {
    return this.kind.name;
  }

  /** The model to query; read it on every query, as a rebuild swaps it for a fresh one. */
  get model(): Model {
    return this.live.model;
  }

  get position(): GlobalPosition | undefined {
    return this.live.position;
  }

  get isRebuilding(): boolean {
    return this.live.isRebuilding;
  }

  /** Read-your-writes: resolves once the model has applied the event at `position`. */
  waitFor(position: GlobalPosition | undefined): Promise<void> {
    return position ? this.live.waitFor(position) : Promise.resolve();
  }

  /** The whole model as canonical JSON and the position it reflects, taken between two events. */
  dump(): ProjectionDump {
    const { position, model } = this.live.state();
    return { ...(position ? { position } : {}), dump: canonicalDump(model) };
  }

  /** Replays from position zero into a fresh model and swaps it in once caught up (see LiveProjection). */
  rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    return this.live.rebuild(onProgress);
  }
}

/**
 * A ReadModelProjection class for one kind of read model of the catalog, for a service to provide
 * as it is: `export class ProfileProjection extends projectionOf(readModels.profiles) {}`.
 */
export function projectionOf<Event, Model extends ReadModel<Event>>(kind: ReadModelKind<Event, Model>) {
  @Injectable()
  class Projection extends ReadModelProjection<Event, Model> {
    constructor(@Inject(EVENT_STORE) store: EventStore) {
      super(store, kind);
    }
  }
  return Projection;
}

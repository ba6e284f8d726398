import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { RecordedEvent } from './event-data.js';
import type { EventStore } from './event-store.port.js';
import type { GlobalPosition } from './global-position.js';
import { LiveProjection, type ProjectionProgress } from './live-projection.js';
import { EVENT_STORE } from './event-store.tokens.js';

/**
 * A service's in-memory read model as a Nest provider: replayed before the service starts answering
 * (onModuleInit runs before the listener starts), then kept live. Subclass it per read model.
 */
export abstract class ReadModelProjection<Event, Model extends { apply(event: Event): void }> implements OnModuleInit, OnApplicationShutdown {
  private readonly live: LiveProjection;

  protected constructor(
    store: EventStore,
    name: string,
    readonly model: Model,
    accepts: (event: RecordedEvent) => event is RecordedEvent & Event,
  ) {
    this.live = new LiveProjection(store, name, (event) => {
      if (accepts(event)) model.apply(event);
    });
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

  /** Read-your-writes: resolves once the model has applied the event at `position`. */
  waitFor(position: GlobalPosition | undefined): Promise<void> {
    return position ? this.live.waitFor(position) : Promise.resolve();
  }
}

/**
 * A ReadModelProjection class for one read model, for a service to provide as it is:
 * `export class ProfileProjection extends projectionOf('profiles', () => new ProfileReadModel(), isProfileReadModelEvent) {}`.
 */
export function projectionOf<Event, Model extends { apply(event: Event): void }>(
  name: string,
  create: () => Model,
  accepts: (event: RecordedEvent) => event is RecordedEvent & Event,
) {
  @Injectable()
  class Projection extends ReadModelProjection<Event, Model> {
    constructor(@Inject(EVENT_STORE) store: EventStore) {
      super(store, name, create(), accepts);
    }
  }
  return Projection;
}

import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { isRegistryEvent, RegistryReadModel } from '@snapforge/domain';
import { EVENT_STORE, LiveProjection, type EventStore, type GlobalPosition } from '@snapforge/event-store';

/** The registries read model of this replica, current with the event store. */
@Injectable()
export class RegistryProjection implements OnModuleInit, OnApplicationShutdown {
  readonly model = new RegistryReadModel();
  private readonly projection: LiveProjection;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.projection = new LiveProjection(store, 'registries', (event) => {
      if (isRegistryEvent(event)) this.model.apply(event);
    });
  }

  async onModuleInit(): Promise<void> {
    await this.projection.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projection.stop();
  }

  waitFor(position: GlobalPosition | undefined): Promise<void> {
    return position ? this.projection.waitFor(position) : Promise.resolve();
  }
}

import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { isSnapshotEvent, SnapshotReadModel } from '@snapforge/domain';
import { EVENT_STORE, LiveProjection, type EventStore, type GlobalPosition } from '@snapforge/event-store';

/** The snapshots read model of this replica, current with the event store. */
@Injectable()
export class SnapshotProjection implements OnModuleInit, OnApplicationShutdown {
  readonly model = new SnapshotReadModel();
  private readonly projection: LiveProjection;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.projection = new LiveProjection(store, 'snapshots', (event) => {
      if (isSnapshotEvent(event)) this.model.apply(event);
    });
  }

  /** Queries are answered only after the replay: the listener starts after this resolves. */
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

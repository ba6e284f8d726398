import { Inject, Injectable } from '@nestjs/common';
import { isSnapshotEvent, SnapshotReadModel, type SnapshotEvent } from '@snapforge/domain';
import { EVENT_STORE, ReadModelProjection, type EventStore } from '@snapforge/event-store';

/** The snapshots read model of this replica, current with the event store. */
@Injectable()
export class SnapshotProjection extends ReadModelProjection<SnapshotEvent, SnapshotReadModel> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, 'snapshots', new SnapshotReadModel(), isSnapshotEvent);
  }
}

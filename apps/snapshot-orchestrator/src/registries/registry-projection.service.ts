import { Inject, Injectable } from '@nestjs/common';
import { isRegistryEvent, RegistryReadModel, type RegistryEvent } from '@snapforge/domain';
import { EVENT_STORE, ReadModelProjection, type EventStore } from '@snapforge/event-store';

/** The registries read model of this replica, current with the event store. */
@Injectable()
export class RegistryProjection extends ReadModelProjection<RegistryEvent, RegistryReadModel> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, 'registries', new RegistryReadModel(), isRegistryEvent);
  }
}

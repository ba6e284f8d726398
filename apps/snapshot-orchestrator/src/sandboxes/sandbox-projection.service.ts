import { Inject, Injectable } from '@nestjs/common';
import { isSandboxEvent, SandboxReadModel, type SandboxEvent } from '@snapforge/domain';
import { EVENT_STORE, ReadModelProjection, type EventStore } from '@snapforge/event-store';

/** The sandboxes read model of this replica, current with the event store. */
@Injectable()
export class SandboxProjection extends ReadModelProjection<SandboxEvent, SandboxReadModel> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, 'sandboxes', new SandboxReadModel(), isSandboxEvent);
  }
}

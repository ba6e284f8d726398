import { Inject, Injectable } from '@nestjs/common';
import { isSandboxEvent, SandboxReadModel, type SandboxEvent } from '@snapforge/domain';
import { EVENT_STORE, ReadModelProjection, type EventStore } from '@snapforge/event-store';

/** Every sandbox as the events say: the launcher checks data-plane callers and reconciles its host with it. */
@Injectable()
export class LauncherSandboxProjection extends ReadModelProjection<SandboxEvent, SandboxReadModel> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, 'sandboxes', new SandboxReadModel(), isSandboxEvent);
  }
}

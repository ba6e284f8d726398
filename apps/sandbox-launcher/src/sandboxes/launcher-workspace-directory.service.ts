import { Inject, Injectable } from '@nestjs/common';
import { isWorkspaceEvent, WorkspaceDirectory, type WorkspaceEvent } from '@snapforge/domain';
import { EVENT_STORE, ReadModelProjection, type EventStore } from '@snapforge/event-store';

/** API-key hashes to workspaces: the data plane checks callers itself instead of asking the gateway. */
@Injectable()
export class LauncherWorkspaceDirectory extends ReadModelProjection<WorkspaceEvent, WorkspaceDirectory> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, 'workspaces', new WorkspaceDirectory(), isWorkspaceEvent);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { isWorkspaceEvent, WorkspaceDirectory, type WorkspaceEvent } from '@snapforge/domain';
import { EVENT_STORE, ReadModelProjection, type EventStore } from '@snapforge/event-store';
import type { WorkspacePrincipal } from './workspace-principal.js';

/** API-key hashes to workspaces, kept current from the workspace events. */
@Injectable()
export class WorkspaceDirectoryService extends ReadModelProjection<WorkspaceEvent, WorkspaceDirectory> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, 'workspaces', new WorkspaceDirectory(), isWorkspaceEvent);
  }

  resolve(keyHash: string): WorkspacePrincipal | undefined {
    return this.model.workspaceForKeyHash(keyHash);
  }
}

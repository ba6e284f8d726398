import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { isWorkspaceEvent, WorkspaceDirectory } from '@snapforge/domain';
import { EVENT_STORE, LiveProjection, type EventStore, type GlobalPosition } from '@snapforge/event-store';
import type { WorkspacePrincipal } from './workspace-principal.js';

/** API-key hashes to workspaces, kept current from the workspace events. */
@Injectable()
export class WorkspaceDirectoryService implements OnModuleInit, OnApplicationShutdown {
  private readonly directory = new WorkspaceDirectory();
  private readonly projection: LiveProjection;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.projection = new LiveProjection(store, 'workspaces', (event) => {
      if (isWorkspaceEvent(event)) this.directory.apply(event);
    });
  }

  async onModuleInit(): Promise<void> {
    await this.projection.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projection.stop();
  }

  resolve(keyHash: string): WorkspacePrincipal | undefined {
    return this.directory.workspaceForKeyHash(keyHash);
  }

  waitFor(position: GlobalPosition | undefined): Promise<void> {
    return position ? this.projection.waitFor(position) : Promise.resolve();
  }
}

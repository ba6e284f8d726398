import { readModels } from '@snapforge/domain';
import { projectionOf } from '@snapforge/event-store';
import type { WorkspacePrincipal } from './workspace-principal.js';

/** API-key hashes to workspaces, kept current from the workspace events. */
export class WorkspaceDirectoryService extends projectionOf(readModels.workspaces) {
  resolve(keyHash: string): WorkspacePrincipal | undefined {
    return this.model.workspaceForKeyHash(keyHash);
  }
}

import { readModels } from '@snapforge/domain';
import { projectionOf } from '@snapforge/event-store';

/** API-key hashes to workspaces: the data plane checks callers itself instead of asking the gateway. */
export class LauncherWorkspaceDirectory extends projectionOf(readModels.workspaces) {}

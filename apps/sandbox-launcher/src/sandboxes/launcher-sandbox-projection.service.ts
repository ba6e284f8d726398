import { readModels } from '@snapforge/domain';
import { projectionOf } from '@snapforge/event-store';

/** Every sandbox as the events say: the launcher checks data-plane callers and reconciles its host with it. */
export class LauncherSandboxProjection extends projectionOf(readModels.sandboxes) {}

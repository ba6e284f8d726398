import { readModels } from '@snapforge/domain';
import { projectionOf } from '@snapforge/event-store';

/** The sandboxes read model of this replica, current with the event store. */
export class SandboxProjection extends projectionOf(readModels.sandboxes) {}

import { readModels } from '@snapforge/domain';
import { projectionOf } from '@snapforge/event-store';

/** The registries read model of this replica, current with the event store. */
export class RegistryProjection extends projectionOf(readModels.registries) {}

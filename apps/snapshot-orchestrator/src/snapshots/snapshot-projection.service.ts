import { readModels } from '@snapforge/domain';
import { projectionOf } from '@snapforge/event-store';

/** The snapshots read model of this replica, current with the event store. */
export class SnapshotProjection extends projectionOf(readModels.snapshots) {}

import { readModels } from '@snapforge/domain';
import { projectionOf } from '@snapforge/event-store';

/** Profiles with their versions, jobs and schedules, current with the event store. */
export class ProfileProjection extends projectionOf(readModels.profiles) {}

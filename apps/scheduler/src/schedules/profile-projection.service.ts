import { Inject, Injectable } from '@nestjs/common';
import { isProfileEvent, isProfileVersionEvent, ProfileReadModel, type ProfileEvent, type ProfileVersionEvent } from '@snapforge/domain';
import { EVENT_STORE, ReadModelProjection, type EventStore, type RecordedEvent } from '@snapforge/event-store';

const isProfileOrVersionEvent = (event: RecordedEvent): event is RecordedEvent & (ProfileEvent | ProfileVersionEvent) =>
  isProfileEvent(event) || isProfileVersionEvent(event);

/** Profiles with their versions, jobs and schedules, current with the event store. */
@Injectable()
export class ProfileProjection extends ReadModelProjection<ProfileEvent | ProfileVersionEvent, ProfileReadModel> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, 'profiles', new ProfileReadModel(), isProfileOrVersionEvent);
  }
}

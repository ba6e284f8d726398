import type { EventUpcaster, StoredEventData } from '../event-schema/event-upcaster.js';

/**
 * SandboxUpdated v1 carried a rename as two loose optional fields, `name` and `previousName`, that
 * only made sense together ("set with `name`"): nothing in the type stopped a consumer from taking
 * a new name without the old one, and every consumer had to know the pairing rule. v2 carries the
 * rename as one optional fact, `rename: { from, to }`, so it is there whole or not at all. A v1
 * event with a `name` always had its `previousName` (the decider wrote both or neither).
 */
export const sandboxUpdatedV1ToV2: EventUpcaster = {
  eventType: 'SandboxUpdated',
  fromVersion: 1,
  upcast(data: StoredEventData) {
    const { name, previousName, ...rest } = data;
    if (name === undefined) return rest;
    return { ...rest, rename: { from: previousName, to: name } };
  },
};

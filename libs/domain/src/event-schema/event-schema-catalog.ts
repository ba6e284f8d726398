import { sandboxUpdatedV1ToV2 } from '../sandbox/sandbox-updated.upcasters.js';
import type { EventSchemas } from './event-upcaster.js';

/** Every event type whose shape changed since it was first written, with the way up from each older version. */
export const eventSchemaCatalog: EventSchemas = {
  currentVersions: { SandboxUpdated: 2 },
  upcasters: [sandboxUpdatedV1ToV2],
};

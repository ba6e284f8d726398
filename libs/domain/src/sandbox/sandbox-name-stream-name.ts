import { nameReservationStreamName } from '../naming/name-reservation-stream-name.js';

/** The guard stream of one sandbox name in one workspace, e.g. `sandbox_name-ws-1:my-box`. */
export function sandboxNameStreamName(workspaceId: string, name: string): string {
  return nameReservationStreamName('sandbox', workspaceId, name);
}

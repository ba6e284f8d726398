import { nameReservationStreamName } from '../naming/name-reservation-stream-name.js';

/** The guard stream of one profile name in one workspace, e.g. `profile_name-ws-1:python-dev`. */
export function profileNameStreamName(workspaceId: string, name: string): string {
  return nameReservationStreamName('profile', workspaceId, name);
}

import { nameReservationStreamName } from '../naming/name-reservation-stream-name.js';

/** The guard stream of one registry name in one workspace, e.g. `registry_name-ws-1:docker-hub`. */
export function registryNameStreamName(workspaceId: string, name: string): string {
  return nameReservationStreamName('registry', workspaceId, name);
}

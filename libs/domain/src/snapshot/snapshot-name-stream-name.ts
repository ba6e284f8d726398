import { nameReservationStreamName } from '../naming/name-reservation-stream-name.js';

/** The guard stream of one snapshot name in one workspace, e.g. `snapshot_name-ws-1:python`. */
export function snapshotNameStreamName(workspaceId: string, name: string): string {
  return nameReservationStreamName('snapshot', workspaceId, name);
}

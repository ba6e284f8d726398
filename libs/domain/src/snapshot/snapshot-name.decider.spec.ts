import { DeciderSpecification } from '../testing/decider-specification.js';
import type { ReleaseSnapshotName, ReserveSnapshotName } from './snapshot-name.commands.js';
import { snapshotNameDecider } from './snapshot-name.decider.js';
import type { SnapshotNameReleased, SnapshotNameReserved } from './snapshot-name.events.js';
import { snapshotNameStreamName } from './snapshot-name-stream-name.js';

const spec = DeciderSpecification.for(snapshotNameDecider);

const reserve = (snapshotId: string, name = 'python'): ReserveSnapshotName => ({
  type: 'ReserveSnapshotName',
  data: { workspaceId: 'ws-1', name, snapshotId, at: '2025-01-01T10:00:00.000Z' },
});
const reserved = (snapshotId: string): SnapshotNameReserved => ({
  type: 'SnapshotNameReserved',
  data: { workspaceId: 'ws-1', name: 'python', snapshotId, reservedAt: '2025-01-01T10:00:00.000Z' },
});
const release = (snapshotId: string): ReleaseSnapshotName => ({
  type: 'ReleaseSnapshotName',
  data: { snapshotId, at: '2025-01-02T10:00:00.000Z' },
});
const released = (snapshotId: string): SnapshotNameReleased => ({
  type: 'SnapshotNameReleased',
  data: { workspaceId: 'ws-1', name: 'python', snapshotId, releasedAt: '2025-01-02T10:00:00.000Z' },
});

describe('snapshot name decider', () => {
  describe('ReserveSnapshotName', () => {
    it('reserves a name never reserved', () => {
      spec.given([]).when(reserve('snap-1')).then([reserved('snap-1')]);
    });

    it('reserves a name its previous holder released', () => {
      spec.given([reserved('snap-1'), released('snap-1')]).when(reserve('snap-2')).then([reserved('snap-2')]);
    });

    it('ignores a repeated reservation by the holder', () => {
      spec.given([reserved('snap-1')]).when(reserve('snap-1')).then([]);
    });

    it('refuses a name another snapshot holds, naming it', () => {
      spec.given([reserved('snap-1')]).when(reserve('snap-2')).thenThrows('SNAPSHOT_NAME_TAKEN', '"python"');
    });

    it('refuses a name no snapshot may have', () => {
      spec.given([]).when(reserve('snap-1', 'no:colons')).thenThrows('SNAPSHOT_INVALID', 'name must start with');
    });
  });

  describe('ReleaseSnapshotName', () => {
    it('frees the name when the holder releases it', () => {
      spec.given([reserved('snap-1')]).when(release('snap-1')).then([released('snap-1')]);
    });

    it('ignores a release by a snapshot that does not hold the name', () => {
      spec.given([reserved('snap-1')]).when(release('snap-2')).then([]);
      spec.given([reserved('snap-1'), released('snap-1'), reserved('snap-2')]).when(release('snap-1')).then([]);
    });

    it('ignores a release of a free name', () => {
      spec.given([]).when(release('snap-1')).then([]);
      spec.given([reserved('snap-1'), released('snap-1')]).when(release('snap-1')).then([]);
    });
  });

  describe('snapshotNameStreamName', () => {
    it('gives each workspace and name, case-sensitively, its own stream', () => {
      expect(snapshotNameStreamName('ws-1', 'python')).toBe('snapshot_name-ws-1:python');
      expect(snapshotNameStreamName('ws-1', 'Python')).not.toBe(snapshotNameStreamName('ws-1', 'python'));
      expect(snapshotNameStreamName('ws-2', 'python')).not.toBe(snapshotNameStreamName('ws-1', 'python'));
    });

    it('cannot confuse a dash in the workspace id with one in the name', () => {
      expect(snapshotNameStreamName('ws', 'a-b')).not.toBe(snapshotNameStreamName('ws-a', 'b'));
    });
  });
});

import { DeciderSpecification } from '../testing/decider-specification.js';
import type { ReleaseRegistryName, ReserveRegistryName } from './registry-name.commands.js';
import { registryNameDecider } from './registry-name.decider.js';
import type { RegistryNameReleased, RegistryNameReserved } from './registry-name.events.js';
import { registryNameStreamName } from './registry-name-stream-name.js';
import { snapshotNameStreamName } from '../snapshot/snapshot-name-stream-name.js';

const spec = DeciderSpecification.for(registryNameDecider);

const reserve = (registryId: string, name = 'docker-hub'): ReserveRegistryName => ({
  type: 'ReserveRegistryName',
  data: { workspaceId: 'ws-1', name, registryId, at: '2025-01-01T10:00:00.000Z' },
});
const reserved = (registryId: string, name = 'docker-hub'): RegistryNameReserved => ({
  type: 'RegistryNameReserved',
  data: { workspaceId: 'ws-1', name, registryId, reservedAt: '2025-01-01T10:00:00.000Z' },
});
const release = (registryId: string): ReleaseRegistryName => ({
  type: 'ReleaseRegistryName',
  data: { registryId, at: '2025-01-02T10:00:00.000Z' },
});
const released = (registryId: string, name = 'docker-hub'): RegistryNameReleased => ({
  type: 'RegistryNameReleased',
  data: { workspaceId: 'ws-1', name, registryId, releasedAt: '2025-01-02T10:00:00.000Z' },
});

describe('registry name decider', () => {
  describe('ReserveRegistryName', () => {
    it('reserves a name never reserved', () => {
      spec
        .given([])
        .when(reserve('reg-1'))
        .then([reserved('reg-1')]);
    });

    it('reserves a name its previous holder released (deleted or renamed)', () => {
      spec
        .given([reserved('reg-1'), released('reg-1')])
        .when(reserve('reg-2'))
        .then([reserved('reg-2')]);
    });

    it('ignores a repeated reservation by the holder', () => {
      spec
        .given([reserved('reg-1')])
        .when(reserve('reg-1'))
        .then([]);
    });

    it('refuses a name another registry holds, naming it', () => {
      spec
        .given([reserved('reg-1')])
        .when(reserve('reg-2'))
        .thenThrows('REGISTRY_NAME_TAKEN', 'a registry named "docker-hub"');
    });

    it('refuses a name no registry may have', () => {
      spec
        .given([])
        .when(reserve('reg-1', 'no:colons'))
        .thenThrows('REGISTRY_INVALID', 'invalid registry name: name must start with');
    });
  });

  describe('ReleaseRegistryName', () => {
    it('frees the name when the holder releases it', () => {
      spec
        .given([reserved('reg-1')])
        .when(release('reg-1'))
        .then([released('reg-1')]);
    });

    it('ignores a release by a registry that does not hold the name', () => {
      spec
        .given([reserved('reg-1')])
        .when(release('reg-2'))
        .then([]);
      spec
        .given([reserved('reg-1'), released('reg-1'), reserved('reg-2')])
        .when(release('reg-1'))
        .then([]);
    });

    it('ignores a release of a free name', () => {
      spec.given([]).when(release('reg-1')).then([]);
      spec
        .given([reserved('reg-1'), released('reg-1')])
        .when(release('reg-1'))
        .then([]);
    });
  });

  describe('registryNameStreamName', () => {
    it('gives each workspace and name, case-sensitively, its own stream, apart from snapshot names', () => {
      expect(registryNameStreamName('ws-1', 'docker-hub')).toBe('registry_name-ws-1:docker-hub');
      expect(registryNameStreamName('ws-1', 'Hub')).not.toBe(registryNameStreamName('ws-1', 'hub'));
      expect(registryNameStreamName('ws-2', 'hub')).not.toBe(registryNameStreamName('ws-1', 'hub'));
      expect(registryNameStreamName('ws-1', 'hub')).not.toBe(snapshotNameStreamName('ws-1', 'hub'));
    });
  });
});

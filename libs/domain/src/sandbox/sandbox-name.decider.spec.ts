import { registryNameStreamName } from '../registry/registry-name-stream-name.js';
import { snapshotNameStreamName } from '../snapshot/snapshot-name-stream-name.js';
import { DeciderSpecification } from '../testing/decider-specification.js';
import type { ReleaseSandboxName, ReserveSandboxName } from './sandbox-name.commands.js';
import { sandboxNameDecider } from './sandbox-name.decider.js';
import type { SandboxNameReleased, SandboxNameReserved } from './sandbox-name.events.js';
import { sandboxNameStreamName } from './sandbox-name-stream-name.js';
import { sandboxStreamName } from './sandbox-stream-name.js';

const spec = DeciderSpecification.for(sandboxNameDecider);

const reserve = (sandboxId: string, name = 'my-box'): ReserveSandboxName => ({
  type: 'ReserveSandboxName',
  data: { workspaceId: 'ws-1', name, sandboxId, at: '2025-01-01T10:00:00.000Z' },
});
const reserved = (sandboxId: string, name = 'my-box'): SandboxNameReserved => ({
  type: 'SandboxNameReserved',
  data: { workspaceId: 'ws-1', name, sandboxId, reservedAt: '2025-01-01T10:00:00.000Z' },
});
const release = (sandboxId: string): ReleaseSandboxName => ({
  type: 'ReleaseSandboxName',
  data: { sandboxId, at: '2025-01-02T10:00:00.000Z' },
});
const released = (sandboxId: string, name = 'my-box'): SandboxNameReleased => ({
  type: 'SandboxNameReleased',
  data: { workspaceId: 'ws-1', name, sandboxId, releasedAt: '2025-01-02T10:00:00.000Z' },
});

describe('sandbox name decider', () => {
  describe('ReserveSandboxName', () => {
    it('reserves a name never reserved', () => {
      spec
        .given([])
        .when(reserve('box-1'))
        .then([reserved('box-1')]);
    });

    it('reserves a name its previous holder released (deleted or renamed)', () => {
      spec
        .given([reserved('box-1'), released('box-1')])
        .when(reserve('box-2'))
        .then([reserved('box-2')]);
    });

    it('ignores a repeated reservation by the holder', () => {
      spec
        .given([reserved('box-1')])
        .when(reserve('box-1'))
        .then([]);
    });

    it('refuses a name another sandbox holds, naming it', () => {
      spec
        .given([reserved('box-1')])
        .when(reserve('box-2'))
        .thenThrows('SANDBOX_NAME_TAKEN', 'a sandbox named "my-box" already exists');
    });

    it('refuses a name no sandbox may have', () => {
      spec
        .given([])
        .when(reserve('box-1', 'my box'))
        .thenThrows('SANDBOX_INVALID', 'invalid sandbox name: name must start with');
    });
  });

  describe('ReleaseSandboxName', () => {
    it('frees the name when the holder releases it', () => {
      spec
        .given([reserved('box-1')])
        .when(release('box-1'))
        .then([released('box-1')]);
    });

    it('ignores a release by a sandbox that does not hold the name', () => {
      spec
        .given([reserved('box-1')])
        .when(release('box-2'))
        .then([]);
      spec
        .given([reserved('box-1'), released('box-1'), reserved('box-2')])
        .when(release('box-1'))
        .then([]);
    });

    it('ignores a release of a free name', () => {
      spec.given([]).when(release('box-1')).then([]);
      spec
        .given([reserved('box-1'), released('box-1')])
        .when(release('box-1'))
        .then([]);
    });
  });

  describe('sandboxNameStreamName', () => {
    it('gives each workspace and name, case-sensitively, its own stream, apart from other kinds of names', () => {
      expect(sandboxNameStreamName('ws-1', 'my-box')).toBe('sandbox_name-ws-1:my-box');
      expect(sandboxNameStreamName('ws-1', 'Box')).not.toBe(sandboxNameStreamName('ws-1', 'box'));
      expect(sandboxNameStreamName('ws-2', 'box')).not.toBe(sandboxNameStreamName('ws-1', 'box'));
      expect(sandboxNameStreamName('ws-1', 'box')).not.toBe(snapshotNameStreamName('ws-1', 'box'));
      expect(sandboxNameStreamName('ws-1', 'box')).not.toBe(registryNameStreamName('ws-1', 'box'));
    });

    it("keeps the guard streams out of the sandboxes' own category", () => {
      const category = (stream: string) => stream.slice(0, stream.indexOf('-'));
      expect(category(sandboxNameStreamName('ws-1', 'box'))).not.toBe(category(sandboxStreamName('box-1')));
    });
  });
});

import { sandboxUpdatedV1ToV2 } from './sandbox-updated.upcasters.js';

describe('SandboxUpdated v1 → v2', () => {
  const ids = { sandboxId: 'box-1', workspaceId: 'ws-1', version: 3, updatedAt: '2025-01-02T00:00:00.000Z' };

  it('turns the name and the previous name into one rename', () => {
    expect(sandboxUpdatedV1ToV2.upcast({ ...ids, name: 'new', previousName: 'old', idleTtlSeconds: 60 })).toEqual({
      ...ids,
      rename: { from: 'old', to: 'new' },
      idleTtlSeconds: 60,
    });
  });

  it('leaves an update without a rename as it was', () => {
    expect(sandboxUpdatedV1ToV2.upcast({ ...ids, deleteAfterStopSeconds: 0 })).toEqual({ ...ids, deleteAfterStopSeconds: 0 });
  });
});

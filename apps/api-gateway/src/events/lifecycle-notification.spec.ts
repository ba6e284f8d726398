import type { RecordedEvent } from '@snapforge/event-store';
import { toLifecycleNotification } from './lifecycle-notification.js';

function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    id: '6f1c1f9e-52c4-4a36-9a43-4c8f0f7d2d11',
    type,
    data,
    streamName: 'any-stream',
    revision: 3,
    position: { commit: 42, prepare: 1 },
    recordedAt: new Date('2026-11-25T10:00:00.000Z'),
  };
}

describe('toLifecycleNotification', () => {
  it('turns a snapshot event into a feed entry whose id is its global position', () => {
    const data = { snapshotId: 's-1', workspaceId: 'w-1', reason: 'pull failed', failedAt: '2026-11-25T10:00:00.000Z' };

    expect(toLifecycleNotification(recorded('SnapshotBuildFailed', data))).toEqual({
      id: '42:1',
      type: 'SnapshotBuildFailed',
      resource: 'snapshot',
      workspaceId: 'w-1',
      recordedAt: '2026-11-25T10:00:00.000Z',
      data,
    });
  });

  it.each([
    ['SandboxStarted', 'sandbox'],
    ['RegistryDeleted', 'registry'],
    ['ProfileCreated', 'profile'],
    ['SnapshotJobQueued', 'profile_version'],
  ])('names the resource of %s as %s', (type, resource) => {
    expect(toLifecycleNotification(recorded(type, { workspaceId: 'w-1' }))?.resource).toBe(resource);
  });

  it('withholds the registry password ciphertext', () => {
    const notification = toLifecycleNotification(
      recorded('RegistryCreated', { registryId: 'r-1', workspaceId: 'w-1', name: 'ghcr', url: 'https://r', passwordCiphertext: 'v1:abc' }),
    );

    expect(notification?.data).toEqual({ registryId: 'r-1', workspaceId: 'w-1', name: 'ghcr', url: 'https://r' });
  });

  it.each(['ApiKeyIssued', 'WorkspaceCreated', 'NameReserved', 'SomethingUnknown'])('leaves %s out of the feed', (type) => {
    expect(toLifecycleNotification(recorded(type, { workspaceId: 'w-1', keyHash: 'h' }))).toBeUndefined();
  });

  it('leaves out a lifecycle event without a workspace', () => {
    expect(toLifecycleNotification(recorded('SnapshotDeleted', { snapshotId: 's-1' }))).toBeUndefined();
  });
});

import type { ApiKeyIssued, ApiKeyRevoked, WorkspaceCreated, WorkspaceEvent } from './workspace.events.js';
import { isWorkspaceEvent } from './workspace.events.js';
import { WorkspaceDirectory } from './workspace.projection.js';

const created = (workspaceId: string, name = workspaceId): WorkspaceCreated => ({
  type: 'WorkspaceCreated',
  data: { workspaceId, name, createdAt: '2025-01-01T10:00:00.000Z' },
});
const issued = (workspaceId: string, keyId: string, keyHash = `hash-${keyId}`, label?: string): ApiKeyIssued => ({
  type: 'ApiKeyIssued',
  data: {
    workspaceId,
    keyId,
    keyHash,
    ...(label === undefined ? {} : { label }),
    issuedAt: '2025-01-01T11:00:00.000Z',
  },
});
const revoked = (workspaceId: string, keyId: string, keyHash = `hash-${keyId}`): ApiKeyRevoked => ({
  type: 'ApiKeyRevoked',
  data: { workspaceId, keyId, keyHash, revokedAt: '2025-01-02T10:00:00.000Z' },
});

function given(...events: WorkspaceEvent[]): WorkspaceDirectory {
  const directory = new WorkspaceDirectory();
  for (const event of events) directory.apply(event);
  return directory;
}

describe('WorkspaceDirectory', () => {
  it('resolves the hash of an issued key to its workspace and key', () => {
    const directory = given(created('ws-1', 'Acme'), issued('ws-1', 'key-1'));
    expect(directory.workspaceForKeyHash('hash-key-1')).toEqual({ workspaceId: 'ws-1', name: 'Acme', keyId: 'key-1' });
  });

  it('resolves no unknown hash, and no key itself', () => {
    const directory = given(created('ws-1'), issued('ws-1', 'key-1'));
    expect(directory.workspaceForKeyHash('hash-key-2')).toBeUndefined();
    expect(directory.workspaceForKeyHash('key-1')).toBeUndefined();
  });

  it('no longer resolves a revoked key, but still the others', () => {
    const directory = given(
      created('ws-1'),
      issued('ws-1', 'key-1'),
      issued('ws-1', 'key-2'),
      revoked('ws-1', 'key-1'),
    );
    expect(directory.workspaceForKeyHash('hash-key-1')).toBeUndefined();
    expect(directory.workspaceForKeyHash('hash-key-2')?.keyId).toBe('key-2');
  });

  it('resolves a revoked hash again once it is issued under a new id', () => {
    const directory = given(
      created('ws-1'),
      issued('ws-1', 'key-1', 'dev-hash'),
      revoked('ws-1', 'key-1', 'dev-hash'),
      issued('ws-1', 'key-2', 'dev-hash'),
    );
    expect(directory.workspaceForKeyHash('dev-hash')?.keyId).toBe('key-2');
  });

  it('resolves a hash active in two workspaces to the first issued, then to the other once that is revoked', () => {
    const twice = [created('ws-1'), created('ws-2'), issued('ws-2', 'key-2', 'same'), issued('ws-1', 'key-1', 'same')];
    expect(given(...twice).workspaceForKeyHash('same')?.workspaceId).toBe('ws-2');
    expect(given(...twice, revoked('ws-2', 'key-2', 'same')).workspaceForKeyHash('same')?.workspaceId).toBe('ws-1');
  });

  it('shows a workspace with its active keys in the order issued, without hashes', () => {
    const directory = given(
      created('ws-1', 'Acme'),
      issued('ws-1', 'key-1', 'hash-1', 'ci'),
      issued('ws-1', 'key-2'),
      issued('ws-1', 'key-3'),
      revoked('ws-1', 'key-2'),
    );
    expect(directory.get('ws-1')).toEqual({
      id: 'ws-1',
      name: 'Acme',
      createdAt: '2025-01-01T10:00:00.000Z',
      apiKeys: [
        { id: 'key-1', label: 'ci', issuedAt: '2025-01-01T11:00:00.000Z' },
        { id: 'key-3', issuedAt: '2025-01-01T11:00:00.000Z' },
      ],
    });
    expect(JSON.stringify(directory.get('ws-1'))).not.toContain('hash');
    expect(directory.get('ws-2')).toBeUndefined();
  });

  describe('replay', () => {
    const history: WorkspaceEvent[] = [
      created('ws-1', 'Acme'),
      issued('ws-1', 'key-1'),
      created('ws-2', 'Globex'),
      issued('ws-2', 'key-2'),
      issued('ws-1', 'key-3'),
      revoked('ws-1', 'key-1'),
    ];
    const dump = (directory: WorkspaceDirectory) => ({
      workspaces: ['ws-1', 'ws-2'].map((id) => directory.get(id)),
      keys: ['hash-key-1', 'hash-key-2', 'hash-key-3'].map((hash) => directory.workspaceForKeyHash(hash)),
    });

    it('rebuilds from the events alone the directory that was kept live', () => {
      const live = new WorkspaceDirectory();
      const snapshots = history.map((event) => {
        live.apply(event);
        return dump(live);
      });
      expect(dump(given(...history))).toEqual(snapshots.at(-1));
      expect(dump(given(...history)).keys.map((owner) => owner?.keyId)).toEqual([undefined, 'key-2', 'key-3']);
    });

    it('is unchanged by redelivered events, and a late redelivery never brings a revoked key back', () => {
      expect(dump(given(...history, ...history))).toEqual(dump(given(...history)));
      expect(dump(given(...history, issued('ws-1', 'key-1'), created('ws-1', 'Renamed')))).toEqual(
        dump(given(...history)),
      );
    });

    it('ignores keys of a workspace it never saw created', () => {
      expect(given(issued('ws-9', 'key-9')).workspaceForKeyHash('hash-key-9')).toBeUndefined();
    });
  });

  it('takes its events from a global feed with the help of isWorkspaceEvent', () => {
    const feed: { type: string; data: unknown }[] = [
      created('ws-1'),
      { type: 'SnapshotRequested', data: { snapshotId: 'snap-1', workspaceId: 'ws-1' } },
      issued('ws-1', 'key-1'),
    ];
    const directory = new WorkspaceDirectory();
    for (const event of feed) if (isWorkspaceEvent(event)) directory.apply(event);
    expect(directory.workspaceForKeyHash('hash-key-1')?.workspaceId).toBe('ws-1');
    expect(feed.filter(isWorkspaceEvent)).toHaveLength(2);
  });
});

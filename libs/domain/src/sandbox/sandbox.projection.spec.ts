import type { SnapshotReferenced } from '../snapshot/snapshot.events.js';
import type { SandboxNameReserved } from './sandbox-name.events.js';
import type {
  SandboxCreated,
  SandboxDeleted,
  SandboxEvent,
  SandboxFailed,
  SandboxReady,
  SandboxStarted,
  SandboxStopped,
  SandboxUpdated,
} from './sandbox.events.js';
import { isSandboxEvent } from './sandbox.events.js';
import type { SandboxView } from './sandbox.projection.js';
import { SandboxReadModel } from './sandbox.projection.js';

const created = (sandboxId: string, overrides: Partial<SandboxCreated['data']> = {}): SandboxCreated => ({
  type: 'SandboxCreated',
  data: {
    sandboxId,
    workspaceId: 'ws-1',
    name: sandboxId,
    snapshotId: 'snap-1',
    hostId: 'host-a',
    imageRef: 'snapforge/snap-1:latest',
    vcpus: 2,
    memBytes: 536_870_912,
    fsCapacityBytes: 1_073_741_824,
    runConfig: { user: 'app', workDir: '/app' },
    idleTtlSeconds: 600,
    deleteAfterStopSeconds: 3600,
    createdBy: 'user-1',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  },
});
// Each later event at its own minute, so that `updatedAt` shows which one was applied last.
const at = (version: number) => `2025-01-01T11:${String(version).padStart(2, '0')}:00.000Z`;
const ready = (sandboxId: string, version: number, containerId = `ctr-${sandboxId}`): SandboxReady => ({
  type: 'SandboxReady',
  data: {
    sandboxId,
    workspaceId: 'ws-1',
    version,
    containerId,
    dataplaneUrl: `http://host-a:7000/${containerId}`,
    readyAt: at(version),
  },
});
const failed = (sandboxId: string, version: number): SandboxFailed => ({
  type: 'SandboxFailed',
  data: { sandboxId, workspaceId: 'ws-1', version, reason: 'out of memory', failedAt: at(version) },
});
const stopped = (sandboxId: string, version: number): SandboxStopped => ({
  type: 'SandboxStopped',
  data: { sandboxId, workspaceId: 'ws-1', version, reason: 'idle', stoppedAt: at(version) },
});
const started = (sandboxId: string, version: number): SandboxStarted => ({
  type: 'SandboxStarted',
  data: { sandboxId, workspaceId: 'ws-1', version, startedAt: at(version) },
});
const updated = (sandboxId: string, version: number, changes: Partial<SandboxUpdated['data']>): SandboxUpdated => ({
  type: 'SandboxUpdated',
  data: { sandboxId, workspaceId: 'ws-1', version, ...changes, updatedAt: at(version) },
});
const deleted = (sandboxId: string, name = sandboxId): SandboxDeleted => ({
  type: 'SandboxDeleted',
  data: { sandboxId, workspaceId: 'ws-1', name, snapshotId: 'snap-1', deletedAt: '2025-01-03T00:00:00.000Z' },
});

function given(...events: SandboxEvent[]): SandboxReadModel {
  const model = new SandboxReadModel();
  for (const event of events) model.apply(event);
  return model;
}
const everything = { limit: 100, offset: 0 };
const ids = (views: SandboxView[]) => views.map((view) => view.id);

describe('SandboxReadModel', () => {
  it('shows a created sandbox as provisioning, with what was asked for and where it was placed', () => {
    expect(given(created('box-1', { name: 'my-box' })).get('ws-1', 'box-1')).toEqual({
      id: 'box-1',
      workspaceId: 'ws-1',
      name: 'my-box',
      status: 'provisioning',
      snapshotId: 'snap-1',
      hostId: 'host-a',
      imageRef: 'snapforge/snap-1:latest',
      vcpus: 2,
      memBytes: 536_870_912,
      fsCapacityBytes: 1_073_741_824,
      runConfig: { user: 'app', workDir: '/app' },
      idleTtlSeconds: 600,
      deleteAfterStopSeconds: 3600,
      createdAt: '2025-01-01T10:00:00.000Z',
      updatedAt: '2025-01-01T10:00:00.000Z',
      createdBy: 'user-1',
    } satisfies SandboxView);
  });

  it('leaves out what the creation did not give', () => {
    const absent = { vcpus: undefined, memBytes: undefined, fsCapacityBytes: undefined, createdBy: undefined };
    const view = given(created('box-1', absent)).get('ws-1', 'box-1');
    for (const key of [...Object.keys(absent), 'containerId', 'dataplaneUrl', 'stoppedAt', 'statusMessage']) {
      expect(view).not.toHaveProperty(key);
    }
  });

  it('shows a ready sandbox with its container and data plane', () => {
    expect(given(created('box-1'), ready('box-1', 2)).get('ws-1', 'box-1')).toMatchObject({
      status: 'ready',
      containerId: 'ctr-box-1',
      dataplaneUrl: 'http://host-a:7000/ctr-box-1',
      updatedAt: at(2),
    });
  });

  it('shows a failed sandbox with the reason as its status message', () => {
    expect(given(created('box-1'), failed('box-1', 2)).get('ws-1', 'box-1')).toMatchObject({
      status: 'failed',
      statusMessage: 'out of memory',
      updatedAt: at(2),
    });
  });

  it('shows when a stopped sandbox stopped, keeping its container, and forgets it once started', () => {
    const stoppedView = given(created('box-1'), ready('box-1', 2), stopped('box-1', 3)).get('ws-1', 'box-1');
    expect(stoppedView).toMatchObject({
      status: 'stopped',
      stoppedAt: at(3),
      updatedAt: at(3),
      containerId: 'ctr-box-1',
    });
    const restarted = given(created('box-1'), ready('box-1', 2), stopped('box-1', 3), started('box-1', 4));
    expect(restarted.get('ws-1', 'box-1')).toMatchObject({ status: 'provisioning', containerId: 'ctr-box-1' });
    expect(restarted.get('ws-1', 'box-1')).not.toHaveProperty('stoppedAt');
    restarted.apply(ready('box-1', 5, 'ctr-new'));
    expect(restarted.get('ws-1', 'box-1')).toMatchObject({ status: 'ready', containerId: 'ctr-new', updatedAt: at(5) });
  });

  it('applies an update to the changed fields only', () => {
    const model = given(created('box-1'), ready('box-1', 2), updated('box-1', 3, { idleTtlSeconds: 0 }));
    expect(model.get('ws-1', 'box-1')).toMatchObject({
      status: 'ready',
      name: 'box-1',
      idleTtlSeconds: 0,
      deleteAfterStopSeconds: 3600,
      updatedAt: at(3),
    });
  });

  describe('get', () => {
    it('finds a sandbox by id or by its exact, case-sensitive name', () => {
      const model = given(created('box-1', { name: 'My-Box' }));
      expect(model.get('ws-1', 'box-1')?.name).toBe('My-Box');
      expect(model.get('ws-1', 'My-Box')?.id).toBe('box-1');
      expect(model.get('ws-1', 'my-box')).toBeUndefined();
    });

    it("prefers a sandbox's id over another sandbox's name", () => {
      const model = given(created('box-1', { name: 'box-2' }), created('box-2', { name: 'other' }));
      expect(model.get('ws-1', 'box-2')?.id).toBe('box-2');
    });

    it('follows a rename: the new name finds the sandbox, the old one nothing', () => {
      const model = given(created('box-1', { name: 'old' }), updated('box-1', 2, { rename: { from: 'old', to: 'new' } }));
      expect(model.get('ws-1', 'new')?.id).toBe('box-1');
      expect(model.get('ws-1', 'old')).toBeUndefined();
    });

    it('finds the sandbox that took a name over once its previous holder was deleted', () => {
      const model = given(
        created('box-1', { name: 'my-box' }),
        deleted('box-1', 'my-box'),
        created('box-2', { name: 'my-box', createdAt: '2025-01-04T00:00:00.000Z' }),
      );
      expect(model.get('ws-1', 'my-box')?.id).toBe('box-2');
    });

    it("answers nothing for another workspace's sandbox, by id or by name", () => {
      const model = given(created('box-1', { workspaceId: 'ws-2', name: 'my-box' }));
      expect(model.get('ws-1', 'box-1')).toBeUndefined();
      expect(model.get('ws-1', 'my-box')).toBeUndefined();
      expect(model.list('ws-1', everything)).toEqual({ items: [], total: 0 });
      expect(model.get('ws-2', 'my-box')?.id).toBe('box-1');
    });
  });

  it('hides a deleted sandbox from every query', () => {
    const model = given(
      created('box-1', { name: 'gone' }),
      ready('box-1', 2),
      created('box-2'),
      deleted('box-1', 'gone'),
    );
    expect(model.get('ws-1', 'box-1')).toBeUndefined();
    expect(model.get('ws-1', 'gone')).toBeUndefined();
    expect(model.list('ws-1', everything)).toEqual({ items: [model.get('ws-1', 'box-2')], total: 1 });
    expect(ids(model.onHost('host-a'))).toEqual(['box-2']);
    expect(model.inStatus('ready')).toEqual([]);
    expect(model.countByHost()).toEqual(new Map([['host-a', 1]]));
  });

  describe('list', () => {
    const model = given(
      created('box-a', { name: 'Python-Agent', createdAt: '2025-01-01T10:00:00.000Z' }),
      created('box-c', { name: 'node', createdAt: '2025-01-03T10:00:00.000Z' }),
      created('box-b', { name: 'python-eval', createdAt: '2025-01-02T10:00:00Z' }),
      created('box-e', { name: 'ruby', createdAt: '2025-01-02T10:00:00.000Z' }),
      created('box-d', { name: 'go', createdAt: '2025-01-02T10:00:00.000Z' }),
      created('box-x', { workspaceId: 'ws-2', name: 'python-elsewhere' }),
    );

    it('lists newest first, equal creation times by id, whatever the timestamp precision', () => {
      expect(model.list('ws-1', everything)).toEqual({
        items: ['box-c', 'box-e', 'box-d', 'box-b', 'box-a'].map((id) => model.get('ws-1', id)),
        total: 5,
      });
    });

    it('filters by a case-insensitive substring of the name', () => {
      expect(ids(model.list('ws-1', { ...everything, nameContains: 'PYTHON' }).items)).toEqual(['box-b', 'box-a']);
      expect(model.list('ws-1', { ...everything, nameContains: 'java' })).toEqual({ items: [], total: 0 });
    });

    it('pages with limit and offset, the total counting every match', () => {
      expect(ids(model.list('ws-1', { limit: 2, offset: 0 }).items)).toEqual(['box-c', 'box-e']);
      expect(ids(model.list('ws-1', { limit: 2, offset: 2 }).items)).toEqual(['box-d', 'box-b']);
      expect(model.list('ws-1', { limit: 2, offset: 4 })).toEqual({ items: [model.get('ws-1', 'box-a')], total: 5 });
      expect(model.list('ws-1', { limit: 2, offset: 10 })).toEqual({ items: [], total: 5 });
      expect(model.list('ws-1', { nameContains: 'python', limit: 1, offset: 1 })).toEqual({
        items: [model.get('ws-1', 'box-a')],
        total: 2,
      });
    });
  });

  describe('across workspaces, for launchers and sweeps', () => {
    const model = given(
      created('box-1', { createdAt: '2025-01-01T10:00:00.000Z' }),
      ready('box-1', 2),
      created('box-2', { workspaceId: 'ws-2', createdAt: '2025-01-01T10:01:00.000Z' }),
      created('box-3', { hostId: 'host-b', createdAt: '2025-01-01T10:02:00.000Z' }),
      created('box-4', { createdAt: '2025-01-01T10:03:00.000Z' }),
      failed('box-4', 2),
      created('box-5', { workspaceId: 'ws-2', createdAt: '2025-01-01T10:04:00.000Z' }),
      ready('box-5', 2),
      stopped('box-5', 3),
      created('box-6', { hostId: 'host-b', createdAt: '2025-01-01T10:05:00.000Z' }),
      deleted('box-6'),
    );

    it("lists every sandbox on a host, whatever its status and workspace, and no other host's", () => {
      expect(ids(model.onHost('host-a'))).toEqual(['box-5', 'box-4', 'box-2', 'box-1']);
      expect(ids(model.onHost('host-b'))).toEqual(['box-3']);
      expect(model.onHost('host-c')).toEqual([]);
    });

    it("lists every workspace's sandboxes in a status", () => {
      expect(ids(model.inStatus('provisioning'))).toEqual(['box-3', 'box-2']);
      expect(ids(model.inStatus('ready'))).toEqual(['box-1']);
      expect(ids(model.inStatus('failed'))).toEqual(['box-4']);
      expect(ids(model.inStatus('stopped'))).toEqual(['box-5']);
    });

    it('counts the sandboxes each host holds, failed and stopped ones included', () => {
      expect(model.countByHost()).toEqual(
        new Map([
          ['host-a', 4],
          ['host-b', 1],
        ]),
      );
      expect(new SandboxReadModel().countByHost()).toEqual(new Map());
    });
  });

  describe('replay', () => {
    const history: SandboxEvent[] = [
      created('box-1', { name: 'alpha' }),
      created('box-2', { name: 'beta', createdAt: '2025-01-01T10:10:00.000Z' }),
      ready('box-1', 2),
      created('box-3', { workspaceId: 'ws-2', name: 'alpha', hostId: 'host-b' }),
      stopped('box-1', 3),
      failed('box-2', 2),
      updated('box-1', 4, { rename: { from: 'alpha', to: 'gamma' }, deleteAfterStopSeconds: 0 }),
      started('box-1', 5),
      created('box-4', { name: 'delta', createdAt: '2025-01-01T10:20:00.000Z' }),
      ready('box-1', 6, 'ctr-2'),
      deleted('box-2', 'beta'),
    ];
    const dump = (model: SandboxReadModel) => ({
      ws1: model.list('ws-1', everything),
      ws2: model.list('ws-2', everything),
      hostA: model.onHost('host-a'),
      provisioning: model.inStatus('provisioning'),
      counts: [...model.countByHost()],
    });

    it('rebuilds from the events alone the model that was kept live', () => {
      const live = new SandboxReadModel();
      for (const event of history) live.apply(event);
      expect(dump(given(...history))).toEqual(dump(live));
      expect(ids(dump(live).ws1.items)).toEqual(['box-4', 'box-1']);
      expect(live.get('ws-1', 'gamma')).toMatchObject({
        status: 'ready',
        containerId: 'ctr-2',
        deleteAfterStopSeconds: 0,
      });
    });

    it('is unchanged by redelivered events, even late ones', () => {
      expect(dump(given(...history, ...history))).toEqual(dump(given(...history)));
      const late = [
        stopped('box-1', 3),
        ready('box-1', 2),
        updated('box-1', 4, { rename: { from: 'alpha', to: 'gamma' }, deleteAfterStopSeconds: 0 }),
        created('box-2', { name: 'beta' }),
        created('box-1'),
      ];
      expect(dump(given(...history, ...late))).toEqual(dump(given(...history)));
    });

    it('never rolls a sandbox back to an older status delivered late', () => {
      const model = given(
        created('box-1'),
        ready('box-1', 2),
        stopped('box-1', 3),
        started('box-1', 4),
        stopped('box-1', 3),
      );
      expect(model.get('ws-1', 'box-1')).toMatchObject({ status: 'provisioning', updatedAt: at(4) });
      expect(model.get('ws-1', 'box-1')).not.toHaveProperty('stoppedAt');
    });

    it('ignores events of a sandbox it never saw created', () => {
      expect(dump(given(...history, ready('box-9', 2), deleted('box-9')))).toEqual(dump(given(...history)));
    });
  });

  it('counts the sandboxes of every workspace by status, leaving deleted ones out', () => {
    const model = given(
      created('box-1'),
      created('box-2', { workspaceId: 'ws-2' }),
      ready('box-2', 2),
      created('box-3'),
      ready('box-3', 2),
      created('box-4'),
      failed('box-4', 2),
      created('box-5'),
      deleted('box-5'),
    );
    expect(Object.fromEntries(model.countByStatus())).toEqual({ provisioning: 1, ready: 2, failed: 1 });
  });

  it('takes its events from a global feed with the help of isSandboxEvent', () => {
    const reserved: SandboxNameReserved = {
      type: 'SandboxNameReserved',
      data: { workspaceId: 'ws-1', name: 'my-box', sandboxId: 'box-1', reservedAt: '2025-01-01T10:00:00.000Z' },
    };
    const referenced: SnapshotReferenced = {
      type: 'SnapshotReferenced',
      data: {
        snapshotId: 'snap-1',
        workspaceId: 'ws-1',
        sandboxId: 'box-1',
        referenceVersion: 1,
        referencedAt: '2025-01-01T10:00:00.000Z',
      },
    };
    const feed: { type: string; data: unknown }[] = [reserved, referenced, created('box-1', { name: 'my-box' })];
    const model = new SandboxReadModel();
    for (const event of feed) if (isSandboxEvent(event)) model.apply(event);
    expect(model.get('ws-1', 'my-box')?.id).toBe('box-1');
    expect(feed.filter(isSandboxEvent)).toHaveLength(1);
  });
});

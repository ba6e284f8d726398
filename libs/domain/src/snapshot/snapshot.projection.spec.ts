import type { SnapshotNameReserved } from './snapshot-name.events.js';
import type {
  SnapshotBuildFailed,
  SnapshotBuildStarted,
  SnapshotBuilt,
  SnapshotDeleted,
  SnapshotEvent,
  SnapshotReferenced,
  SnapshotReferenceReleased,
  SnapshotRequested,
} from './snapshot.events.js';
import { isSnapshotEvent } from './snapshot.events.js';
import type { SnapshotView } from './snapshot.projection.js';
import { SNAPSHOT_LIST_DEFAULT_LIMIT, SNAPSHOT_LIST_MAX_LIMIT, SnapshotReadModel } from './snapshot.projection.js';

const requested = (
  snapshotId: string,
  overrides: Partial<SnapshotRequested['data']> = {},
): SnapshotRequested => ({
  type: 'SnapshotRequested',
  data: {
    snapshotId,
    workspaceId: 'ws-1',
    name: snapshotId,
    source: { kind: 'image', dockerImage: 'registry.local/python:3.12', registryId: 'reg-1' },
    fsCapacityBytes: 1_073_741_824,
    runConfig: { workDir: '/app' },
    buildTimeoutSeconds: 600,
    createdBy: 'user-1',
    requestedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  },
});
const started = (snapshotId: string, attempt: number, agentId = `agent-${attempt}`): SnapshotBuildStarted => ({
  type: 'SnapshotBuildStarted',
  data: { snapshotId, workspaceId: 'ws-1', agentId, attempt, startedAt: `2025-01-01T10:0${attempt}:00.000Z` },
});
const built = (snapshotId: string): SnapshotBuilt => ({
  type: 'SnapshotBuilt',
  data: {
    snapshotId,
    workspaceId: 'ws-1',
    imageRef: `snapforge/${snapshotId}:latest`,
    imageDigest: 'sha256:aaa',
    fsUsedBytes: 52_428_800,
    runConfig: { user: 'app', workDir: '/app', envVars: { PATH: '/usr/bin' } },
    completedAt: '2025-01-01T10:05:00.000Z',
  },
});
const failed = (snapshotId: string): SnapshotBuildFailed => ({
  type: 'SnapshotBuildFailed',
  data: { snapshotId, workspaceId: 'ws-1', reason: 'image not found', failedAt: '2025-01-01T10:06:00.000Z' },
});
const deleted = (snapshotId: string, name = snapshotId): SnapshotDeleted => ({
  type: 'SnapshotDeleted',
  data: { snapshotId, workspaceId: 'ws-1', name, deletedAt: '2025-01-02T00:00:00.000Z' },
});

const referenced = (snapshotId: string, sandboxId: string, referenceVersion: number): SnapshotReferenced => ({
  type: 'SnapshotReferenced',
  data: { snapshotId, workspaceId: 'ws-1', sandboxId, referenceVersion, referencedAt: '2025-01-01T11:00:00.000Z' },
});
const released = (snapshotId: string, sandboxId: string, referenceVersion: number): SnapshotReferenceReleased => ({
  type: 'SnapshotReferenceReleased',
  data: { snapshotId, workspaceId: 'ws-1', sandboxId, referenceVersion, releasedAt: '2025-01-01T12:00:00.000Z' },
});

function given(...events: SnapshotEvent[]): SnapshotReadModel {
  const model = new SnapshotReadModel();
  for (const event of events) model.apply(event);
  return model;
}

const everything = { limit: SNAPSHOT_LIST_MAX_LIMIT, offset: 0 };
const ids = (views: SnapshotView[]) => views.map((view) => view.id);

describe('snapshot read model', () => {
  it('shows a requested snapshot as building, with what was asked for', () => {
    expect(given(requested('snap-1')).get('ws-1', 'snap-1')).toEqual({
      id: 'snap-1',
      workspaceId: 'ws-1',
      name: 'snap-1',
      status: 'building',
      fsCapacityBytes: 1_073_741_824,
      dockerImage: 'registry.local/python:3.12',
      registryId: 'reg-1',
      createdBy: 'user-1',
      runConfig: { workDir: '/app' },
      createdAt: '2025-01-01T10:00:00.000Z',
      updatedAt: '2025-01-01T10:00:00.000Z',
      buildTimeoutSeconds: 600,
      buildAttempts: 0,
      referencedBy: [],
    } satisfies SnapshotView);
  });

  it('leaves out what a request did not give, and shows a capture by its source sandbox', () => {
    const capture = requested('snap-1', {
      source: { kind: 'sandbox', sandboxId: 'box-1' },
      runConfig: undefined,
      createdBy: undefined,
    });
    const view = given(capture).get('ws-1', 'snap-1');
    expect(view?.sourceSandboxId).toBe('box-1');
    for (const key of ['dockerImage', 'registryId', 'createdBy', 'runConfig']) expect(view).not.toHaveProperty(key);
  });

  it('counts the snapshots of every workspace by status, leaving deleted ones out', () => {
    const model = given(
      requested('snap-1'),
      requested('snap-2', { workspaceId: 'ws-2' }),
      built('snap-2'),
      requested('snap-3'),
      failed('snap-3'),
      requested('snap-4'),
      deleted('snap-4'),
    );
    expect(Object.fromEntries(model.countByStatus())).toEqual({ building: 1, ready: 1, failed: 1 });
  });

  it('records each build attempt and the agent that took it', () => {
    const view = given(requested('snap-1'), started('snap-1', 1), started('snap-1', 2)).get('ws-1', 'snap-1');
    expect(view).toMatchObject({
      status: 'building',
      buildAttempts: 2,
      lastAgentId: 'agent-2',
      updatedAt: '2025-01-01T10:02:00.000Z',
    });
  });

  it('shows a built snapshot as ready with its image and the resolved run config', () => {
    const view = given(requested('snap-1'), started('snap-1', 1), built('snap-1')).get('ws-1', 'snap-1');
    expect(view).toMatchObject({
      status: 'ready',
      imageRef: 'snapforge/snap-1:latest',
      imageDigest: 'sha256:aaa',
      fsUsedBytes: 52_428_800,
      runConfig: { user: 'app', workDir: '/app', envVars: { PATH: '/usr/bin' } },
      createdAt: '2025-01-01T10:00:00.000Z',
      updatedAt: '2025-01-01T10:05:00.000Z',
    });
    expect(view).not.toHaveProperty('statusMessage');
  });

  it('shows a failed snapshot with the reason as its status message', () => {
    const view = given(requested('snap-1'), started('snap-1', 1), failed('snap-1')).get('ws-1', 'snap-1');
    expect(view).toMatchObject({
      status: 'failed',
      statusMessage: 'image not found',
      updatedAt: '2025-01-01T10:06:00.000Z',
    });
  });

  it('hides a deleted snapshot from get, getByName and list', () => {
    const model = given(requested('snap-1'), requested('snap-2'), deleted('snap-1'));
    expect(model.get('ws-1', 'snap-1')).toBeUndefined();
    expect(model.getByName('ws-1', 'snap-1')).toBeUndefined();
    expect(model.list('ws-1', everything)).toEqual({ items: [model.get('ws-1', 'snap-2')], total: 1 });
  });

  it("hides another workspace's snapshots", () => {
    const model = given(requested('snap-1', { workspaceId: 'ws-2', name: 'python' }));
    expect(model.get('ws-1', 'snap-1')).toBeUndefined();
    expect(model.getByName('ws-1', 'python')).toBeUndefined();
    expect(model.list('ws-1', everything)).toEqual({ items: [], total: 0 });
    expect(model.getByName('ws-2', 'python')?.id).toBe('snap-1');
  });

  it("shows a profile job's snapshot with the job's image as its docker image", () => {
    const model = new SnapshotReadModel();
    const imageRef = 'snapforge/profile-job:job-1';
    model.apply(requested('job-snap', { source: { kind: 'profile_job', jobId: 'job-1', imageRef } }));
    model.apply(built('job-snap'));

    const view = model.get('ws-1', 'job-snap');
    expect(view).toMatchObject({ status: 'ready', dockerImage: imageRef });
    expect(view).not.toHaveProperty('registryId');
    expect(view).not.toHaveProperty('sourceSandboxId');
  });

  describe('referencedBy', () => {
    const ready = [requested('snap-1'), built('snap-1')];

    it('lists the sandboxes booted from a snapshot, sorted, without changing its updatedAt', () => {
      const view = given(
        ...ready,
        referenced('snap-1', 'box-2', 1),
        referenced('snap-1', 'box-3', 2),
        referenced('snap-1', 'box-1', 3),
        released('snap-1', 'box-3', 4),
      ).get('ws-1', 'snap-1');
      expect(view).toMatchObject({ referencedBy: ['box-1', 'box-2'], updatedAt: '2025-01-01T10:05:00.000Z' });
    });

    it('keeps the other queries as they were', () => {
      const model = given(...ready, referenced('snap-1', 'box-1', 1));
      expect(model.getByName('ws-1', 'snap-1')).toBe(model.get('ws-1', 'snap-1'));
      expect(model.list('ws-1', everything)).toEqual({ items: [model.get('ws-1', 'snap-1')], total: 1 });
      expect(model.building()).toEqual([]);
    });

    it('is unchanged by a reference redelivered after its release', () => {
      const history = [...ready, referenced('snap-1', 'box-1', 1), released('snap-1', 'box-1', 2)];
      expect(given(...history, referenced('snap-1', 'box-1', 1)).get('ws-1', 'snap-1')?.referencedBy).toEqual([]);
      expect(given(...history, ...history).get('ws-1', 'snap-1')).toEqual(given(...history).get('ws-1', 'snap-1'));
    });

    it('takes a sandbox referencing the snapshot again after a release', () => {
      const view = given(
        ...ready,
        referenced('snap-1', 'box-1', 1),
        released('snap-1', 'box-1', 2),
        referenced('snap-1', 'box-1', 3),
      ).get('ws-1', 'snap-1');
      expect(view?.referencedBy).toEqual(['box-1']);
    });
  });

  describe('getByName', () => {
    it('finds a snapshot by its exact, case-sensitive name', () => {
      const model = given(requested('snap-1', { name: 'Python' }));
      expect(model.getByName('ws-1', 'Python')?.id).toBe('snap-1');
      expect(model.getByName('ws-1', 'python')).toBeUndefined();
    });

    it('finds the snapshot that took a name over once its previous holder was deleted', () => {
      const model = given(
        requested('snap-1', { name: 'python' }),
        deleted('snap-1', 'python'),
        requested('snap-2', { name: 'python', requestedAt: '2025-01-03T00:00:00.000Z' }),
      );
      expect(model.getByName('ws-1', 'python')?.id).toBe('snap-2');
    });
  });

  describe('list', () => {
    const model = given(
      requested('snap-a', { name: 'Python-3.12', requestedAt: '2025-01-01T10:00:00.000Z' }),
      requested('snap-c', { name: 'node-20', requestedAt: '2025-01-03T10:00:00.000Z' }),
      requested('snap-b', { name: 'python-3.13', requestedAt: '2025-01-02T10:00:00Z' }),
      requested('snap-e', { name: 'ruby', requestedAt: '2025-01-02T10:00:00.000Z' }),
      requested('snap-d', { name: 'go', requestedAt: '2025-01-02T10:00:00.000Z' }),
    );

    it('lists newest first, equal creation times by id, whatever the timestamp precision', () => {
      expect(model.list('ws-1', everything)).toEqual({
        items: ['snap-c', 'snap-e', 'snap-d', 'snap-b', 'snap-a'].map((id) => model.get('ws-1', id)),
        total: 5,
      });
    });

    it('filters by a case-insensitive substring of the name', () => {
      expect(ids(model.list('ws-1', { ...everything, nameContains: 'PYTHON' }).items)).toEqual(['snap-b', 'snap-a']);
      expect(model.list('ws-1', { ...everything, nameContains: 'java' })).toEqual({ items: [], total: 0 });
    });

    it('pages with limit and offset, the total counting every match', () => {
      expect(ids(model.list('ws-1', { limit: 2, offset: 0 }).items)).toEqual(['snap-c', 'snap-e']);
      expect(ids(model.list('ws-1', { limit: 2, offset: 2 }).items)).toEqual(['snap-d', 'snap-b']);
      expect(model.list('ws-1', { limit: 2, offset: 4 })).toMatchObject({ total: 5 });
      expect(ids(model.list('ws-1', { limit: 2, offset: 4 }).items)).toEqual(['snap-a']);
      expect(model.list('ws-1', { limit: 2, offset: 10 })).toEqual({ items: [], total: 5 });
      expect(model.list('ws-1', { nameContains: 'python', limit: 1, offset: 1 })).toEqual({
        items: [model.get('ws-1', 'snap-a')],
        total: 2,
      });
    });

    it('exports the paging bounds the gateway validates against', () => {
      expect(SNAPSHOT_LIST_DEFAULT_LIMIT).toBe(50);
      expect(SNAPSHOT_LIST_MAX_LIMIT).toBe(500);
    });
  });

  describe('replay', () => {
    const history: SnapshotEvent[] = [
      requested('snap-1', { name: 'python' }),
      requested('snap-2', { name: 'node', requestedAt: '2025-01-01T11:00:00.000Z' }),
      started('snap-1', 1),
      requested('snap-3', { workspaceId: 'ws-2', name: 'python' }),
      started('snap-1', 2),
      built('snap-1'),
      failed('snap-2'),
      referenced('snap-1', 'box-1', 1),
      requested('snap-4', { name: 'ruby', requestedAt: '2025-01-01T12:00:00.000Z' }),
      referenced('snap-1', 'box-2', 2),
      deleted('snap-2', 'node'),
      released('snap-1', 'box-1', 3),
    ];
    const dump = (model: SnapshotReadModel) => ({
      ws1: model.list('ws-1', everything),
      ws2: model.list('ws-2', everything),
    });

    it('rebuilds exactly the same model from the same events', () => {
      expect(dump(given(...history))).toEqual(dump(given(...history)));
      expect(ids(dump(given(...history)).ws1.items)).toEqual(['snap-4', 'snap-1']);
    });

    it('is unchanged by redelivered events, even late ones', () => {
      expect(dump(given(...history, ...history))).toEqual(dump(given(...history)));
      expect(dump(given(...history, started('snap-1', 1), requested('snap-2')))).toEqual(dump(given(...history)));
    });

    it('ignores events of a snapshot it never saw requested', () => {
      expect(dump(given(...history, started('snap-9', 1), built('snap-9')))).toEqual(dump(given(...history)));
    });
  });

  it('takes its events from a global feed with the help of isSnapshotEvent', () => {
    const reserved: SnapshotNameReserved = {
      type: 'SnapshotNameReserved',
      data: { workspaceId: 'ws-1', name: 'python', snapshotId: 'snap-1', reservedAt: '2025-01-01T10:00:00.000Z' },
    };
    const feed: { type: string; data: unknown }[] = [reserved, requested('snap-1', { name: 'python' })];
    const model = new SnapshotReadModel();
    for (const event of feed) if (isSnapshotEvent(event)) model.apply(event);
    expect(model.getByName('ws-1', 'python')?.id).toBe('snap-1');
    expect(feed.filter(isSnapshotEvent)).toHaveLength(1);
  });
});

import type { SnapshotRequested } from '../snapshot/snapshot.events.js';
import { SnapshotReadModel } from '../snapshot/snapshot.projection.js';
import { WorkspaceDirectory } from '../workspace/workspace.projection.js';
import { canonicalDump } from './canonical-dump.js';
import { applyIfAccepted, findReadModelKind, READ_MODEL_NAMES, readModels } from './read-model-catalog.js';

const requested: SnapshotRequested = {
  type: 'SnapshotRequested',
  data: {
    snapshotId: 'snap-1',
    workspaceId: 'ws-1',
    name: 'tools',
    source: { kind: 'image', dockerImage: 'busybox:latest' },
    fsCapacityBytes: 1024,
    buildTimeoutSeconds: 60,
    requestedAt: '2025-01-01T10:00:00.000Z',
  },
};
const workspaceCreated = { type: 'WorkspaceCreated', data: { workspaceId: 'ws-1', name: 'acme', createdAt: '2025-01-01T09:00:00.000Z' } };

describe('the read-model catalog', () => {
  it('names every read model the services keep', () => {
    expect([...READ_MODEL_NAMES].sort()).toEqual(['profiles', 'registries', 'sandboxes', 'snapshots', 'workspaces']);
    for (const name of READ_MODEL_NAMES) expect(findReadModelKind(name)?.name).toBe(name);
    expect(findReadModelKind('nope')).toBeUndefined();
  });

  it('makes a fresh, empty model per call', () => {
    const one = readModels.snapshots.create();
    expect(one).toBeInstanceOf(SnapshotReadModel);
    expect(readModels.snapshots.create()).not.toBe(one);
    expect(readModels.workspaces.create()).toBeInstanceOf(WorkspaceDirectory);
  });

  it('applies only the events a kind takes', () => {
    const model = readModels.snapshots.create();
    const before = canonicalDump(model);
    expect(applyIfAccepted(readModels.snapshots, model, workspaceCreated)).toBe(false);
    expect(canonicalDump(model)).toEqual(before);
    expect(applyIfAccepted(readModels.snapshots, model, requested)).toBe(true);
    expect(model.get('ws-1', 'snap-1')).toMatchObject({ id: 'snap-1', status: 'building' });
  });

  it('gives two models fed the same events in the same order identical dumps', () => {
    const kind = findReadModelKind('snapshots');
    if (kind === undefined) throw new Error('snapshots is in the catalog');
    const [one, other] = [kind.create(), kind.create()];
    for (const model of [one, other]) for (const event of [workspaceCreated, requested]) applyIfAccepted(kind, model, event);
    expect(canonicalDump(one)).toEqual(canonicalDump(other));
    expect(JSON.stringify(canonicalDump(one))).toContain('snap-1');
  });
});

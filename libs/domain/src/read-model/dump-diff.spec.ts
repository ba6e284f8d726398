import { diffDumps, formatDifference } from './dump-diff.js';

describe('diffDumps', () => {
  it('finds nothing between equal dumps', () => {
    const dump = { viewsById: { a: { status: 'ready', refs: ['x'] } }, deletedIds: ['b'] };
    expect(diffDumps(dump, structuredClone(dump))).toEqual([]);
  });

  it('names the deepest field that differs by its path', () => {
    const live = { viewsById: { a: { status: 'ready', size: 1 }, b: { status: 'ready' } } };
    const replayed = { viewsById: { a: { status: 'building', size: 1 }, b: { status: 'ready' } } };
    expect(diffDumps(live, replayed)).toEqual([{ path: ['viewsById', 'a', 'status'], live: 'ready', replayed: 'building' }]);
  });

  it('tells an entry that only one side has, and every difference in path order', () => {
    const live = { byId: { a: 1, c: 3 }, ids: ['a', 'c'] };
    const replayed = { byId: { a: 1, b: 2 }, ids: ['a'] };
    expect(diffDumps(live, replayed)).toEqual([
      { path: ['byId', 'b'], replayed: 2 },
      { path: ['byId', 'c'], live: 3 },
      { path: ['ids', '1'], live: 'c' },
    ]);
  });

  it('reports a change of kind (object, array, value) at the field itself', () => {
    expect(diffDumps({ a: { x: 1 } }, { a: [1] })).toEqual([{ path: ['a'], live: { x: 1 }, replayed: [1] }]);
    expect(diffDumps({ a: null }, { a: 0 })).toEqual([{ path: ['a'], live: null, replayed: 0 }]);
  });
});

describe('formatDifference', () => {
  it('reads as the path under the model, then both sides', () => {
    const difference = { path: ['viewsById', 'id-1', 'status'], live: 'ready', replayed: 'building' };
    expect(formatDifference(difference, ['snapshots'])).toBe('snapshots › viewsById › id-1 › status: live "ready", replayed "building"');
  });

  it('says which side lacks the entry', () => {
    expect(formatDifference({ path: ['byId', 'b'], replayed: { n: 2 } })).toBe('byId › b: live absent, replayed {"n":2}');
    expect(formatDifference({ path: ['byId', 'c'], live: 3 })).toBe('byId › c: live 3, replayed absent');
  });
});

import { canonicalDump } from './canonical-dump.js';

class Model {
  private readonly byId = new Map<string, { status: string; note?: string }>();
  private readonly gone = new Set<string>();

  constructor(entries: Array<[string, string]>, gone: string[]) {
    for (const [id, status] of entries) this.byId.set(id, { status, note: undefined });
    for (const id of gone) this.gone.add(id);
  }

  has(id: string): boolean {
    return this.byId.has(id) && !this.gone.has(id);
  }
}

describe('canonicalDump', () => {
  it('dumps the same state the same way whatever order it was built in', () => {
    const one = new Model([['b', 'ready'], ['a', 'building']], ['y', 'x']);
    const other = new Model([['a', 'building'], ['b', 'ready']], ['x', 'y']);
    expect(JSON.stringify(canonicalDump(one))).toBe(JSON.stringify(canonicalDump(other)));
  });

  it('turns private fields, Maps and Sets into sorted plain JSON and leaves out undefined fields and methods', () => {
    const dump = canonicalDump(new Model([['b', 'ready'], ['a', 'building']], ['y', 'x']));
    expect(JSON.stringify(dump)).toBe('{"byId":{"a":{"status":"building"},"b":{"status":"ready"}},"gone":["x","y"]}');
  });

  it('keeps the order of arrays, which is state, and names Map keys as text', () => {
    expect(canonicalDump({ refs: ['z', 'a'], byVersion: new Map([[10, 'ten'], [2, 'two']]) })).toEqual({
      byVersion: { '10': 'ten', '2': 'two' },
      refs: ['z', 'a'],
    });
    expect(Object.keys(canonicalDump({ b: 1, a: 2, C: 3 }) as object)).toEqual(['C', 'a', 'b']);
  });

  it('sorts Sets of objects by their canonical form', () => {
    const dump = canonicalDump(new Set([{ id: 'b', n: 1 }, { n: 2, id: 'a' }]));
    expect(dump).toEqual([{ id: 'a', n: 2 }, { id: 'b', n: 1 }]);
  });

  it('dumps dates, big integers and non-finite numbers as text, and nothing as null', () => {
    expect(canonicalDump({ at: new Date('2025-01-01T00:00:00Z'), big: 10n, inf: Infinity, none: null })).toEqual({
      at: '2025-01-01T00:00:00.000Z',
      big: '10',
      inf: 'Infinity',
      none: null,
    });
    expect(canonicalDump(undefined)).toBeNull();
    expect(canonicalDump([undefined, 1])).toEqual([null, 1]);
  });
});

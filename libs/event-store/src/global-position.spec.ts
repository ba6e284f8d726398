import { comparePositions, formatPosition, isAfter, parsePosition } from './global-position.js';

describe('global positions', () => {
  it('order by commit, then by prepare', () => {
    const sorted = [
      { commit: 2, prepare: 0 },
      { commit: 1, prepare: 5 },
      { commit: 2, prepare: 1 },
      { commit: 1, prepare: 0 },
    ].sort(comparePositions);
    expect(sorted.map(formatPosition)).toEqual(['1:0', '1:5', '2:0', '2:1']);
    expect(comparePositions({ commit: 3, prepare: 3 }, { commit: 3, prepare: 3 })).toBe(0);
  });

  it('treats "after" as exclusive and no "after" as the very start', () => {
    expect(isAfter({ commit: 7, prepare: 1 }, { commit: 7, prepare: 0 })).toBe(true);
    expect(isAfter({ commit: 7, prepare: 0 }, { commit: 7, prepare: 0 })).toBe(false);
    expect(isAfter({ commit: 6, prepare: 9 }, { commit: 7, prepare: 0 })).toBe(false);
    expect(isAfter({ commit: 0, prepare: 0 }, undefined)).toBe(true);
  });

  it('formats as "commit:prepare" and parses it back', () => {
    const position = { commit: 123456789012, prepare: 42 };
    expect(formatPosition(position)).toBe('123456789012:42');
    expect(parsePosition(formatPosition(position))).toEqual(position);
  });

  it.each(['', '1', '1:', ':2', '1:2:3', '-1:0', '1.5:0', 'a:b', ' 1:2', '99999999999999999999:0'])('rejects %j', (text) => {
    expect(() => parsePosition(text)).toThrow(/global position/);
  });
});

import { formatFields, formatTable, formatTimestamp } from './output-format.js';

describe('output formats', () => {
  it('aligns table columns under their headers', () => {
    expect(formatTable(['ID', 'NAME'], [['1', 'python-tools'], ['22', 'x']])).toBe(['ID  NAME', '1   python-tools', '22  x'].join('\n'));
  });

  it('aligns fields and leaves out those without a value', () => {
    expect(formatFields([['id', 'abc'], ['reason', undefined], ['digest', 'sha256:1']])).toBe(['id:      abc', 'digest:  sha256:1'].join('\n'));
  });

  it('shows timestamps to the second in UTC, and what it cannot read as it is', () => {
    expect(formatTimestamp('2025-11-25T11:46:02.123Z')).toBe('2025-11-25 11:46:02Z');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });
});

import { progressPrinter } from './pull-progress.js';

describe('progressPrinter', () => {
  it('prints status changes and byte counts at most once a second per layer', () => {
    const lines: string[] = [];
    let now = 0;
    const print = progressPrinter((line) => lines.push(line), () => now);
    print({ status: 'Pulling from e2e/busybox', id: '1' });
    print({ status: 'Downloading', id: 'abc', progressDetail: { current: 1_000_000, total: 4_000_000 } });
    now = 500;
    print({ status: 'Downloading', id: 'abc', progressDetail: { current: 2_000_000, total: 4_000_000 } });
    now = 1_200;
    print({ status: 'Downloading', id: 'abc', progressDetail: { current: 3_000_000, total: 4_000_000 } });
    print({ status: 'Pull complete', id: 'abc', progressDetail: {} });
    print({ status: 'Digest: sha256:123' });
    expect(lines).toEqual([
      '1: Pulling from e2e/busybox',
      'abc: Downloading 1.0 MB / 4.0 MB',
      'abc: Downloading 3.0 MB / 4.0 MB',
      'abc: Pull complete',
      'Digest: sha256:123',
    ]);
  });
});

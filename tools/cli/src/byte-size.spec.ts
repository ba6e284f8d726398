import { formatByteSize, parseByteSize } from './byte-size.js';

describe('parseByteSize', () => {
  it.each([
    ['1073741824', 1073741824],
    ['512MiB', 512 * 1024 ** 2],
    ['2GiB', 2 * 1024 ** 3],
    ['1GB', 1_000_000_000],
    ['1gb', 1_000_000_000],
    ['1.5 GiB', 1.5 * 1024 ** 3],
    ['2g', 2 * 1024 ** 3],
    ['100KB', 100_000],
    ['64k', 65_536],
    ['1TiB', 1024 ** 4],
    ['7B', 7],
    [' 3MB ', 3_000_000],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'lots', 'GiB', '-1GiB', '0', '0MiB', '1.3B', '1e9', '0x10', '2 GiBs', '1,5GiB', '99999999999PiB', '9007199254740993'])('refuses %j', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });
});

describe('formatByteSize', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1024, '1 KiB'],
    [4.3 * 1024 ** 2, '4.3 MiB'],
    [1024 ** 3, '1 GiB'],
    [3 * 1024 ** 4, '3 TiB'],
    [1024 ** 5, '1024 TiB'],
  ])('shows %d bytes as %j', (bytes, text) => {
    expect(formatByteSize(bytes)).toBe(text);
  });
});

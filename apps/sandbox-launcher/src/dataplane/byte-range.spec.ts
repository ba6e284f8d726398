import { requestedByteRange } from './byte-range.js';

describe('requestedByteRange', () => {
  it.each([
    ['bytes=0-4', 10, { start: 0, end: 4 }],
    ['bytes=7-', 10, { start: 7, end: 9 }],
    ['bytes=5-100', 10, { start: 5, end: 9 }],
    ['bytes=-3', 10, { start: 7, end: 9 }],
    ['bytes=-30', 10, { start: 0, end: 9 }],
    [' Bytes = 2 - 3 ', 10, { start: 2, end: 3 }],
  ])('%s of %i bytes is %o', (header, size, range) => {
    expect(requestedByteRange(header, size)).toEqual(range);
  });

  it.each([
    ['bytes=10-', 10],
    ['bytes=10-20', 10],
    ['bytes=-0', 10],
    ['bytes=0-', 0],
    ['bytes=-5', 0],
  ])('%s of %i bytes cannot be satisfied', (header, size) => {
    expect(requestedByteRange(header, size)).toBe('unsatisfiable');
  });

  it.each([undefined, 'bytes=5-2', 'bytes=0-1,4-5', 'lines=0-1', 'bytes=-', 'bytes=a-b'])('answers the whole file for %p', (header) => {
    expect(requestedByteRange(header, 10)).toBeUndefined();
  });
});

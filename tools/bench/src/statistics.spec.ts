import { summarise } from './statistics.js';

describe('summarise', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even one', () => {
    expect(summarise([5, 1, 3]).median).toBe(3);
    expect(summarise([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('gives the nearest-rank p90, the minimum and the maximum, whatever the order', () => {
    const samples = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(summarise(samples)).toEqual({ runs: 10, median: 5.5, p90: 9, min: 1, max: 10 });
    expect(summarise([42]).p90).toBe(42);
  });

  it('refuses an empty series', () => {
    expect(() => summarise([])).toThrow('no samples');
  });
});

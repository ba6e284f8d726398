import { interleaved } from './interleaved.js';

describe('interleaved', () => {
  it('warms up, then rotates which series goes first, and keeps only the measured runs', async () => {
    const order: string[] = [];
    const run = (name: string) => async (round: number) => {
      order.push(`${name}${round}`);
      return round;
    };
    const samples = await interleaved({ a: run('a'), b: run('b') }, { runs: 3, signal: new AbortController().signal, log: () => undefined });
    expect(order).toEqual(['b-1', 'a-1', 'a0', 'b0', 'b1', 'a1', 'a2', 'b2']);
    expect(samples).toEqual({ a: [0, 1, 2], b: [0, 1, 2] });
  });

  it('starts no run once aborted', async () => {
    const interrupt = new AbortController();
    let count = 0;
    const run = async () => {
      if (++count === 2) interrupt.abort();
      return 1;
    };
    await expect(interleaved({ a: run, b: run }, { runs: 3, signal: interrupt.signal, log: () => undefined })).rejects.toThrow();
    expect(count).toBe(2);
  });
});

import { interleaved } from './interleaved.js';

describe('interleaved', () => {
  it('warms up, then rotates which series goes first, and keeps only the measured runs', async () => {
    const order: string[] = [];
    const run = (name: string) => async (round: number) => {
      order.push(`${name}${round}`);
      return round;
    };
    const samples = await interleaved({ a: run('a'), b: run('b') }, 3, () => undefined);
    expect(order).toEqual(['b-1', 'a-1', 'a0', 'b0', 'b1', 'a1', 'a2', 'b2']);
    expect(samples).toEqual({ a: [0, 1, 2], b: [0, 1, 2] });
  });
});

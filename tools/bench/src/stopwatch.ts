import { performance } from 'node:perf_hooks';

/** Runs the work and says how long it took, in milliseconds of the monotonic clock. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

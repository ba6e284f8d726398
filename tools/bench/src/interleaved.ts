/** One measured run of a series: returns its milliseconds. Preparation before timing is its own business. */
export type MeasuredRun = (run: number) => Promise<number>;

/**
 * Runs every series `runs` times, one run of each per round, each round starting with the next
 * series: a slow spell of a shared host, or a cache one series warms for the next, falls on all of
 * them alike. An unmeasured warm-up round goes first (connections, JIT, the engine's caches).
 */
export async function interleaved(
  series: Readonly<Record<string, MeasuredRun>>,
  { runs, signal, log }: { runs: number; signal: AbortSignal; log: (line: string) => void },
  warmupRounds = 1,
): Promise<Record<string, number[]>> {
  const names = Object.keys(series);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -warmupRounds; round < runs; round++) {
    const offset = ((round % names.length) + names.length) % names.length;
    for (const name of [...names.slice(offset), ...names.slice(0, offset)]) {
      signal.throwIfAborted();
      const ms = await series[name](round);
      if (round < 0) {
        log(`${name} warm-up: ${ms.toFixed(1)} ms`);
      } else {
        samples[name].push(ms);
        log(`${name} ${round + 1}/${runs}: ${ms.toFixed(1)} ms`);
      }
    }
  }
  return samples;
}

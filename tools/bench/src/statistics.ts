/** What the table and the results file show of one series of measured milliseconds. */
export interface SeriesSummary {
  readonly runs: number;
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

export function summarise(samples: readonly number[]): SeriesSummary {
  if (samples.length === 0) throw new Error('no samples to summarise');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs: sorted.length, median, p90: nearestRank(sorted, 0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Nearest-rank percentile: always a value that was measured, never an interpolation between two. */
function nearestRank(sorted: readonly number[], fraction: number): number {
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
}

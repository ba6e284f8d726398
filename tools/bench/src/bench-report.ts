import type { Comparison, Measurement, Scenario } from './scenario.js';
import { summarise, type SeriesSummary } from './statistics.js';

export interface SeriesReport extends SeriesSummary {
  readonly samples: readonly number[];
}

export interface ComparisonReport extends Comparison {
  /** Median of the subject over median of the baseline. */
  readonly ratio: number;
  /** Median of the subject minus median of the baseline. */
  readonly differenceMs: number;
  readonly targetMet?: boolean;
}

export interface ScenarioReport {
  readonly name: string;
  readonly title: string;
  readonly durationMs: number;
  readonly series: Readonly<Record<string, SeriesReport>>;
  readonly comparisons: readonly ComparisonReport[];
  readonly facts: Readonly<Record<string, string | number>>;
  /** Why the scenario could not measure; its figures are then missing. */
  readonly error?: string;
}

export interface HostFacts {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryBytes: number;
  /** One-minute load average at the start and at the end: the host may be shared. */
  readonly loadAverage: { readonly start: number; readonly end: number };
  readonly node: string;
  readonly dockerServer: string;
}

/** Everything one `npm run bench` measured: what the results file holds. */
export interface BenchReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly runs: number;
  readonly host: HostFacts;
  readonly scenarios: readonly ScenarioReport[];
}

/** Summaries to a tenth of a millisecond and ratios to a thousandth: finer is noise. */
export function scenarioReport(scenario: Scenario, measurement: Measurement, durationMs: number): ScenarioReport {
  const series = Object.fromEntries(
    Object.entries(measurement.samples).map(([name, samples]) => {
      const summary = summarise(samples);
      const report: SeriesReport = {
        runs: summary.runs,
        median: tenths(summary.median),
        p90: tenths(summary.p90),
        min: tenths(summary.min),
        max: tenths(summary.max),
        samples: samples.map(tenths),
      };
      return [name, report];
    }),
  );
  const comparisons = scenario.comparisons.map((comparison): ComparisonReport => {
    const subject = series[comparison.subject];
    const baseline = series[comparison.baseline];
    if (!subject || !baseline) throw new Error(`${scenario.name} compares ${comparison.subject} with ${comparison.baseline} but did not measure both`);
    const ratio = Math.round((subject.median / baseline.median) * 1000) / 1000;
    return {
      ...comparison,
      ratio,
      differenceMs: tenths(subject.median - baseline.median),
      ...(comparison.targetRatio === undefined ? {} : { targetMet: ratio < comparison.targetRatio }),
    };
  });
  return { name: scenario.name, title: scenario.title, durationMs: Math.round(durationMs), series, comparisons, facts: { ...measurement.facts } };
}

export function failedScenarioReport(scenario: Scenario, error: unknown, durationMs: number): ScenarioReport {
  const message = error instanceof Error ? error.message : String(error);
  return { name: scenario.name, title: scenario.title, durationMs: Math.round(durationMs), series: {}, comparisons: [], facts: {}, error: message };
}

function tenths(ms: number): number {
  return Math.round(ms * 10) / 10;
}

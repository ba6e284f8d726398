import type { BenchEnvironment } from './bench-environment.js';

/** Compares two series of a scenario by their medians: ratio subject/baseline and difference in ms. */
export interface Comparison {
  readonly subject: string;
  readonly baseline: string;
  /** Printed as met or missed; a missed target never fails the bench. */
  readonly targetRatio?: number;
}

export interface ScenarioContext {
  /** Measured runs per series, after any warm-up the scenario does. */
  readonly runs: number;
  readonly environment: BenchEnvironment;
  /** Aborted when the bench is interrupted: no new run may start, since cleanup has begun. */
  readonly signal: AbortSignal;
  log(line: string): void;
}

export interface Measurement {
  /** Milliseconds, one per measured run, by series name. */
  readonly samples: Readonly<Record<string, readonly number[]>>;
  /** What a reader needs to trust the figures: sizes, bytes pulled, warm-up runs. */
  readonly facts?: Readonly<Record<string, string | number>>;
}

/** One benchmark: new ones are added to the list in scenarios/index.ts. */
export interface Scenario {
  /** Selects it on the command line, and names it in the results. */
  readonly name: string;
  readonly title: string;
  readonly comparisons: readonly Comparison[];
  /**
   * Measured runs per series it takes even when `--runs` asks for fewer: a difference of medians of a
   * few milliseconds on a shared host needs more samples to be trusted than one of seconds.
   */
  readonly minimumRuns?: number;
  run(context: ScenarioContext): Promise<Measurement>;
}

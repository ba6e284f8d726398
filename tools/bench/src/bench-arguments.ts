export interface BenchArguments {
  /** Empty: every scenario. */
  readonly scenarios: readonly string[];
  readonly runs: number;
}

export const DEFAULT_RUNS = 10;
export const USAGE = 'usage: npm run bench [-- [SCENARIO] [--runs N]]';

/** `[SCENARIO] [--runs N]`, checked against the scenarios there are. */
export function parseBenchArguments(argv: readonly string[], scenarioNames: readonly string[]): BenchArguments {
  const scenarios: string[] = [];
  let runs = DEFAULT_RUNS;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--runs' || argument.startsWith('--runs=')) {
      const value = argument === '--runs' ? argv[++i] : argument.slice('--runs='.length);
      runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a whole number of at least 1, not ${value ?? 'nothing'}\n${USAGE}`);
    } else if (scenarioNames.includes(argument)) {
      scenarios.push(argument);
    } else {
      throw new Error(`unknown argument ${argument}; scenarios: ${scenarioNames.join(', ')}\n${USAGE}`);
    }
  }
  return { scenarios, runs };
}

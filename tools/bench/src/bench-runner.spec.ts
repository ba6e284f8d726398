import { runScenarios } from './bench-runner.js';
import type { BenchEnvironment } from './bench-environment.js';
import type { Scenario } from './scenario.js';

describe('runScenarios', () => {
  const scenario = (name: string, minimumRuns?: number): Scenario => ({
    name,
    title: name,
    comparisons: [],
    ...(minimumRuns === undefined ? {} : { minimumRuns }),
    run: async ({ runs }) => ({ samples: { only: Array.from({ length: runs }, () => 1) } }),
  });

  it('gives a scenario its minimum of runs when --runs asks for fewer, and --runs when it asks for more', async () => {
    const context = { runs: 10, environment: {} as BenchEnvironment, signal: new AbortController().signal };
    const reports = await runScenarios([scenario('plain'), scenario('floored', 20), scenario('below', 5)], context, () => undefined);
    expect(reports.map(({ series }) => series['only'].runs)).toEqual([10, 20, 10]);
  });
});

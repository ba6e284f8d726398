import { performance } from 'node:perf_hooks';
import { failedScenarioReport, scenarioReport, type ScenarioReport } from './bench-report.js';
import type { Scenario, ScenarioContext } from './scenario.js';

/**
 * Runs the scenarios one after another. One that fails is reported with its error and the others
 * still run: a bench fails when it cannot measure, never because of what it measured.
 */
export async function runScenarios(scenarios: readonly Scenario[], context: Omit<ScenarioContext, 'log'>, log: (line: string) => void): Promise<ScenarioReport[]> {
  const reports: ScenarioReport[] = [];
  for (const scenario of scenarios) {
    if (context.signal.aborted) break;
    log(`${scenario.name}: ${scenario.title}`);
    const start = performance.now();
    try {
      const runs = Math.max(context.runs, scenario.minimumRuns ?? 1);
      const measurement = await scenario.run({ ...context, runs, log: (line) => log(`${scenario.name} │ ${line}`) });
      reports.push(scenarioReport(scenario, measurement, performance.now() - start));
    } catch (error) {
      log(`${scenario.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      reports.push(failedScenarioReport(scenario, error, performance.now() - start));
    }
  }
  return reports;
}

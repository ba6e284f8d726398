// `npm run bench`: runs the scenarios against a service stack and the Docker Engine, prints the
// table, and writes the figures to bench/results/. Started by tools/bench/bench.sh.
import { loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseBenchArguments } from './bench-arguments.js';
import { createBenchEnvironment } from './bench-environment.js';
import type { BenchReport, HostFacts, ScenarioReport } from './bench-report.js';
import { runScenarios } from './bench-runner.js';
import { CleanupStack } from './cleanup-stack.js';
import { hostFacts } from './host-facts.js';
import { formatReport } from './report-printer.js';
import { writeResults } from './results-writer.js';
import { SCENARIOS } from './scenarios/index.js';

// Like the runner's scripts, bench.sh runs everything from the workspace root.
const RESULTS_DIR = resolve('bench/results');

const log = (line: string) => console.error(`bench │ ${line}`);
const interrupt = new AbortController();
let interruptedWith: number | undefined;

async function main(): Promise<number> {
  const { scenarios: chosen, runs } = parseBenchArguments(
    process.argv.slice(2),
    SCENARIOS.map(({ name }) => name),
  );
  const scenarios = chosen.length ? SCENARIOS.filter(({ name }) => chosen.includes(name)) : SCENARIOS;
  const loadAtStart = loadavg()[0];
  const startedAt = new Date().toISOString();
  const start = performance.now();
  const cleanups = new CleanupStack();
  cleanUpOnSignals(cleanups);

  let reports: ScenarioReport[];
  let host: HostFacts;
  try {
    const environment = await createBenchEnvironment(cleanups, startedAt);
    reports = await runScenarios(scenarios, { runs, environment, signal: interrupt.signal }, log);
    host = await hostFacts(environment.docker.docker, loadAtStart);
  } finally {
    log('removing what the bench made');
    await cleanups.runAll();
  }
  if (interruptedWith !== undefined) return interruptedWith;
  const durationMs = Math.round(performance.now() - start);
  const report: BenchReport = { startedAt, finishedAt: new Date().toISOString(), durationMs, runs, host, scenarios: reports };
  console.log(formatReport(report));
  const { file } = await writeResults(report, RESULTS_DIR);
  log(`figures written to ${relative('.', file)} and ${relative('.', RESULTS_DIR)}/latest.json`);
  return reports.some(({ error }) => error !== undefined) ? 1 : 0;
}

/**
 * Cleanups need awaiting, which an exit hook cannot do: an interrupted bench cleans up first, and
 * writes no results. Undoing the stack and the registry also makes the run in progress fail fast.
 */
function cleanUpOnSignals(cleanups: CleanupStack): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      log(`${signal}: removing what the bench made, then stopping`);
      interruptedWith = code;
      interrupt.abort();
      cleanups
        .runAll()
        .catch((error: unknown) => log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => process.exit(code));
    });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

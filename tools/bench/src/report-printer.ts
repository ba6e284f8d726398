import type { BenchReport, ComparisonReport, ScenarioReport } from './bench-report.js';

/** The report as a table a person reads in a terminal; the results file has the same figures. */
export function formatReport(report: BenchReport): string {
  const { host } = report;
  const lines = [
    `Snapforge bench of ${report.startedAt}: ${report.runs} measured runs per series (or a scenario's minimum), ${duration(report.durationMs)} in all`,
    `host: ${host.cpus} × ${host.cpuModel}, ${(host.memoryBytes / 1024 ** 3).toFixed(1)} GiB, ` +
      `load ${host.loadAverage.start.toFixed(2)} → ${host.loadAverage.end.toFixed(2)}, Node ${host.node}, Docker Engine ${host.dockerServer}`,
  ];
  for (const scenario of report.scenarios) lines.push('', ...formatScenario(scenario));
  return lines.join('\n');
}

function formatScenario(scenario: ScenarioReport): string[] {
  const names = Object.keys(scenario.series);
  const runs = Math.max(0, ...names.map((name) => scenario.series[name].runs));
  const lines = [`${scenario.name}: ${scenario.title} (${duration(scenario.durationMs)}${runs ? `, ${runs} runs` : ''})`];
  if (scenario.error) return [...lines, `  FAILED: ${scenario.error}`];
  const width = Math.max(6, ...names.map((name) => name.length));
  const columns = ['median', 'p90', 'min', 'max'] as const;
  lines.push(`  ${'series'.padEnd(width)}${columns.map((column) => column.padStart(12)).join('')}`);
  for (const name of names) {
    const series = scenario.series[name];
    lines.push(`  ${name.padEnd(width)}${columns.map((column) => `${series[column].toFixed(1)} ms`.padStart(12)).join('')}`);
  }
  for (const comparison of scenario.comparisons) lines.push(`  ${formatComparison(comparison)}`);
  const facts = Object.entries(scenario.facts);
  if (facts.length) lines.push(`  ${facts.map(([key, value]) => `${key}: ${value}`).join(', ')}`);
  return lines;
}

function formatComparison(comparison: ComparisonReport): string {
  const { subject, baseline, ratio, differenceMs, targetRatio, targetMet } = comparison;
  const target = targetRatio === undefined ? '' : ` (target < ${targetRatio}: ${targetMet ? 'met' : `MISSED by ${(ratio - targetRatio).toFixed(3)}`})`;
  const sign = differenceMs >= 0 ? '+' : '';
  return `${subject} / ${baseline}: ratio ${ratio.toFixed(3)}${target}, difference of medians ${sign}${differenceMs.toFixed(1)} ms`;
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

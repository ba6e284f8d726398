import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchReport } from './bench-report.js';

/**
 * Writes the report as `<start time>.json` and as `latest.json`, each through a `.tmp` file and a
 * rename, so a reader never sees half a file. Colons are left out of the name: not every file
 * system takes them.
 */
export async function writeResults(report: BenchReport, dir: string): Promise<{ file: string; latest: string }> {
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(dir, `${report.startedAt.replace(/:/g, '-')}.json`);
  const latest = join(dir, 'latest.json');
  for (const target of [file, latest]) {
    await writeFile(`${target}.tmp`, text);
    await rename(`${target}.tmp`, target);
  }
  return { file, latest };
}

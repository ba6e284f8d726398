import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempDir } from '@snapforge/testing';

const summaryScript = fileURLToPath(new URL('../test-summary.mjs', import.meta.url));

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites: number;
}
const report = (counts: Partial<Report>): Report => ({
  numPassedTests: 0,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  numRuntimeErrorTestSuites: 0,
  ...counts,
});

/** A workspace with the given projects (name → has a test target) and Jest reports; runs the summary in it. */
async function summarise(projects: Record<string, boolean>, reports: Record<string, Report>, args: string[] = []) {
  const workspace = await tempDir('summary');
  for (const [name, tested] of Object.entries(projects)) {
    await mkdir(join(workspace.path, 'libs', name), { recursive: true });
    const targets = tested ? { test: {}, lint: {} } : { lint: {} };
    await writeFile(join(workspace.path, 'libs', name, 'project.json'), JSON.stringify({ name, targets }));
  }
  await mkdir(join(workspace.path, '.snapforge/test-results'), { recursive: true });
  for (const [name, counts] of Object.entries(reports)) {
    await writeFile(join(workspace.path, '.snapforge/test-results', `${name}.json`), JSON.stringify(counts));
  }
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [summaryScript, ...args], { cwd: workspace.path });
    return { exitCode: 0, lines: stdout.trimEnd().split('\n') };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { exitCode: code, lines: stdout.trimEnd().split('\n') };
  } finally {
    await workspace.remove();
  }
}

describe('test-summary.mjs', () => {
  it('sums the reports into one last line and exits 0 when nothing failed', async () => {
    const { exitCode, lines } = await summarise({ a: true, b: true, untested: false }, {
      a: report({ numPassedTests: 3 }),
      b: report({ numPassedTests: 2 }),
    });
    expect(lines).toEqual(['5 passed, 0 failed']);
    expect(exitCode).toBe(0);
  });

  it('counts failed tests, suites that failed to run and projects without a report as failures', async () => {
    const { exitCode, lines } = await summarise({ a: true, b: true }, {
      a: report({ numPassedTests: 3, numFailedTests: 1, numRuntimeErrorTestSuites: 1, numPendingTests: 1, numTodoTests: 1 }),
    });
    expect(lines.at(-1)).toBe('3 passed, 3 failed, 2 skipped');
    expect(lines.slice(0, -1).join('\n')).toMatch(/b: no test report/);
    expect(exitCode).toBe(1);
  });

  it('counts a failed step once, and a failed nx run only when no test explains it', async () => {
    const passing = { a: report({ numPassedTests: 1 }) };
    expect((await summarise({ a: true }, passing, ['--failed-step=typecheck'])).lines.at(-1)).toBe('1 passed, 1 failed');
    const lint = await summarise({ a: true }, passing, ['--failed-step=nx-run-many']);
    expect(lint.lines.at(-1)).toBe('1 passed, 1 failed');
    expect(lint.lines.join('\n')).toMatch(/lint/);
    const failing = { a: report({ numPassedTests: 1, numFailedTests: 2 }) };
    expect((await summarise({ a: true }, failing, ['--failed-step=nx-run-many'])).lines.at(-1)).toBe('1 passed, 2 failed');
  });
});

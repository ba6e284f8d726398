import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildWorkspaceOnce, workspaceRoot } from './workspace-build.js';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `snapforge ARGS` as an operator runs it, from a freshly built dist/, with only the configuration
 * given in `env` (no SNAPFORGE_* variable of the test process is inherited).
 */
export function runSnapforgeCli(args: readonly string[], env: Record<string, string> = {}, cwd = workspaceRoot): Promise<CliRun> {
  buildWorkspaceOnce();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SNAPFORGE_')));
  const child = spawn(process.execPath, [join(workspaceRoot, 'tools/cli/snapforge.mjs'), ...args], {
    cwd,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }));
  });
}

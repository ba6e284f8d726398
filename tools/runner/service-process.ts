import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { commandLine, isRunning, stopProcess } from './process-control.js';

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with a description of how the process ended. */
  readonly exited: Promise<string>;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves once the process is gone. */
  stop(timeoutMs?: number): Promise<void>;
}

const COLOURS = [36, 33, 35, 32, 34, 91, 96];

export interface ServiceOutput {
  /** Width the names are padded to, so the output lines up. */
  readonly nameWidth: number;
  readonly colour: boolean;
  readonly index: number;
}

/** Runs `node <script>` with every line of its output prefixed by the service name. */
export function startService(name: string, script: string, env: NodeJS.ProcessEnv, output: ServiceOutput): ServiceProcess {
  // Detached (own process group): Ctrl-C reaches only the runner, which stops services before NATS.
  const child = spawn(process.execPath, ['--enable-source-maps', script], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const label = name.padEnd(output.nameWidth);
  const prefix = output.colour ? `\x1b[${COLOURS[output.index % COLOURS.length]}m${label}\x1b[0m │ ` : `${label} │ `;
  forwardLines(child.stdout, process.stdout, prefix);
  forwardLines(child.stderr, process.stderr, prefix);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => resolve(signal ? `ended by ${signal}` : `exited with code ${code}`));
  });
  return {
    name,
    child,
    exited,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Keeps the pids where a later run finds them: a runner killed with SIGKILL cannot stop its services. */
export async function recordServices(pidFile: string, services: readonly ServiceProcess[]): Promise<void> {
  await writeFile(pidFile, services.map((service) => service.child.pid).join('\n'));
}

export async function forgetServices(pidFile: string): Promise<void> {
  await rm(pidFile, { force: true });
}

/** Stops the recorded processes that still run one of the scripts under `scriptDir`; returns how many. */
export async function stopLeftoverServices(pidFile: string, scriptDir: string): Promise<number> {
  const pids = (await readFile(pidFile, 'utf8').catch(() => '')).split(/\s+/).filter(Boolean).map(Number);
  // argv: node --enable-source-maps <script>
  const leftovers = pids.filter((pid) => isRunning(pid) && (commandLine(pid)[2] ?? '').startsWith(`${scriptDir}/`));
  await Promise.all(leftovers.map((pid) => stopProcess(pid, 10_000)));
  await forgetServices(pidFile);
  return leftovers.length;
}

/** Last resort when the runner itself goes down: nothing of ours may stay behind. */
export function killService(service: ServiceProcess): void {
  signalGroup(service.child, 'SIGKILL');
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

function forwardLines(from: Readable | null, to: Writable, prefix: string): void {
  if (!from) return;
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => to.write(`${prefix}${line}\n`));
}

import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Docker from 'dockerode';
import type { ProgressEvent } from './pull-progress.js';

/**
 * The only way a Docker Engine may run on Snapforge machines: no bridge network and no NAT rules,
 * so containers get `NetworkMode: none` unless someone opts in explicitly.
 */
export const DOCKERD_ARGS: readonly string[] = ['--bridge=none', '--iptables=false', '--ip-masq=false'];

export type DockerEngineStatus =
  | { readonly started: false }
  | { readonly started: true; readonly pid: number; readonly logFile: string };

export interface EnsureDockerEngineOptions {
  /** Where a dockerd started here writes its output; a temporary file by default. */
  readonly logFile?: string;
  readonly timeoutMs?: number;
}

/**
 * Makes sure a Docker Engine answers on the default socket. When none does, starts `dockerd`
 * detached (it outlives this process; whoever asked stops it with SIGTERM by its pid) and waits
 * until it answers.
 */
export async function ensureDockerEngine(options: EnsureDockerEngineOptions = {}): Promise<DockerEngineStatus> {
  const docker = new Docker();
  if (await answers(docker)) return { started: false };
  if (process.env['DOCKER_HOST']) {
    // Starting a local daemon would not make a remote DOCKER_HOST answer.
    throw new Error(`no Docker Engine answers at DOCKER_HOST=${process.env['DOCKER_HOST']}`);
  }
  const logFile = options.logFile ?? join(tmpdir(), 'snapforge-dockerd.log');
  const timeoutMs = options.timeoutMs ?? 60_000;
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'a');
  const child = spawn('dockerd', DOCKERD_ARGS, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  const pid = await new Promise<number>((resolve, reject) => {
    child.once('spawn', () => resolve(child.pid ?? -1));
    child.once('error', (error) =>
      reject(new Error(`could not start dockerd (is the Debian package docker.io installed, and are we root?): ${error.message}`)),
    );
  });
  let exitCode: number | null = null;
  child.once('exit', (code, signal) => {
    exitCode = code ?? (signal ? 128 : 1);
  });
  child.unref();

  const deadline = Date.now() + timeoutMs;
  while (!(await answers(docker))) {
    if (exitCode !== null) {
      throw new Error(`dockerd exited with ${exitCode} before it answered; end of ${logFile}:\n${tail(logFile)}`);
    }
    if (Date.now() > deadline) {
      // TERM, not KILL: dockerd then also stops the containerd it started.
      process.kill(pid, 'SIGTERM');
      throw new Error(`dockerd did not answer within ${timeoutMs / 1000} s; end of ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(200);
  }
  return { started: true, pid, logFile };
}

/**
 * Waits for the end of a progress stream (import, pull, push) and fails with the engine's message:
 * some failures, such as a push whose registry is unreachable, come inside a stream that began
 * with HTTP 200. `onEvent` sees every event as it arrives; the events are returned at the end.
 */
export async function followProgress(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onEvent?: (event: ProgressEvent) => void,
): Promise<ProgressEvent[]> {
  const events = await new Promise<ProgressEvent[]>((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: ProgressEvent[]) => (error ? reject(error) : resolve(output)),
      (event: ProgressEvent) => onEvent?.(event),
    ),
  );
  const failure = events.find((event) => event.error !== undefined || event.errorDetail !== undefined);
  if (failure) throw new Error(failure.errorDetail?.message ?? failure.error);
  return events;
}

async function answers(docker: Docker): Promise<boolean> {
  try {
    await docker.ping();
    return true;
  } catch {
    return false;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

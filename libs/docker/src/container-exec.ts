import { once } from 'node:events';
import { PassThrough, Writable, type Duplex, type Readable } from 'node:stream';
import type Docker from 'dockerode';

export interface ContainerExecOptions {
  /** Shell script, run as `shell -c script shell ...args`: `args` are its `$1`, `$2`... */
  readonly script: string;
  readonly args?: readonly string[];
  /** The shell to run the script with; `/bin/sh` when the container has no such program. Default `/bin/sh`. */
  readonly shell?: string;
  /** Working directory inside the container; the container's own when absent. */
  readonly cwd?: string;
  /** Set over the container's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** `name`, `uid`, `name:group` or `uid:gid`; the container's user when absent. */
  readonly user?: string;
  /** Keep the command's stdin open for writes to `stdin`; without it the command reads EOF at once. */
  readonly stdin?: boolean;
  /** Kills the command (SIGKILL to its process group) when it runs longer; no limit when absent. */
  readonly timeoutMs?: number;
}

export interface ContainerExecExit {
  /** The command's exit status; 128 + N after signal N; -1 when the engine no longer knows the exec. */
  readonly exitCode: number;
  readonly timedOut: boolean;
}

export interface ContainerExecution {
  /** Process id inside the container, of the leader of the command's process group. */
  readonly pid: number;
  /** The command's output; the next chunk waits until the reader takes this one. */
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Present with `stdin: true`; `end()` closes the command's stdin. Input written after the command exited is dropped. */
  readonly stdin: Writable | undefined;
  /** Settles (never rejects) once the command exited and all its output is in `stdout` and `stderr`. */
  readonly exited: Promise<ContainerExecExit>;
  /** Sends `signal` (a name such as `KILL`, `TERM`, `INT`) to the command's whole process group. */
  kill(signal?: string): Promise<void>;
}

export interface ContainerExecResult extends ContainerExecExit {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/** The fallback shell, also the one every launch goes through. */
const SH = '/bin/sh';

/*
 * Every command starts under this launcher, run by /bin/sh with `$0` = requested shell, `$1` = cwd
 * (empty: keep the container's), `$2` = script and the script's arguments after them. It prints its
 * pid first, so the caller can signal it later: Docker has no API to signal an exec. `exec` keeps
 * that pid, and a docker exec starts as a process group leader, so the pid names the command's
 * group. The variables are not exported, so the command does not inherit them.
 */
const LAUNCHER = [
  'echo $$',
  'if [ -n "$1" ]; then cd -- "$1" || exit 1; fi',
  '__snapforge_shell=$0 __snapforge_script=$2',
  'shift 2',
  'command -v "$__snapforge_shell" >/dev/null 2>&1 || __snapforge_shell=' + SH,
  'exec "$__snapforge_shell" -c "$__snapforge_script" "$__snapforge_shell" "$@"',
].join('\n');

const STDOUT = 1;
const STDERR = 2;
const FRAME_HEADER_BYTES = 8;

/**
 * Starts a command in a running container and resolves once it runs (with its pid known). Output is
 * streamed and demultiplexed with backpressure; the command is stopped by signalling its process
 * group from a second exec, as root.
 */
export async function startContainerExec(
  docker: Docker,
  containerId: string,
  options: ContainerExecOptions,
): Promise<ContainerExecution> {
  const container = docker.getContainer(containerId);
  const attachStdin = options.stdin === true;
  const exec = await container.exec({
    Cmd: [SH, '-c', LAUNCHER, options.shell ?? SH, options.cwd ?? '', options.script, ...(options.args ?? [])],
    AttachStdin: attachStdin,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    ...(options.env ? { Env: Object.entries(options.env).map(([name, value]) => `${name}=${value}`) } : {}),
    ...(options.user ? { User: options.user } : {}),
  });
  const socket = (await exec.start({ hijack: true, stdin: attachStdin })) as Duplex;
  // A reset connection ends the demultiplexing loop below; without a listener it would crash the process.
  socket.on('error', () => undefined);

  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const pidLine = deferred<number>();
  const delivered = demultiplex(socket, stdout, stderr, pidLine);

  let pid: number;
  try {
    pid = await pidLine.promise;
  } catch (error) {
    socket.destroy();
    throw error;
  }

  let exitCode: number | undefined;
  let timedOut = false;
  const kill = async (signal = 'KILL') => {
    if (exitCode !== undefined) return;
    await signalProcessGroup(container, pid, signal);
  };
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          kill().catch(() => undefined);
        }, options.timeoutMs);

  const exited = delivered.then(async () => {
    exitCode = await exitCodeOf(exec);
    if (timer) clearTimeout(timer);
    return { exitCode, timedOut };
  });

  return { pid, stdout, stderr, stdin: attachStdin ? stdinOf(socket) : undefined, exited, kill };
}

/** Runs a command to its end and collects its output: for short commands with small output. */
export async function runContainerExec(
  docker: Docker,
  containerId: string,
  options: ContainerExecOptions,
): Promise<ContainerExecResult> {
  const execution = await startContainerExec(docker, containerId, options);
  execution.stdin?.end();
  const [stdout, stderr, exit] = await Promise.all([collect(execution.stdout), collect(execution.stderr), execution.exited]);
  return { ...exit, stdout, stderr };
}

/**
 * Splits Docker's multiplexed stream (frames of an 8-byte header: stream type, 3 zero bytes, payload
 * size) into stdout and stderr, waiting for a slow reader before reading on. The first stdout line is
 * the launcher's pid; anything else before it is the engine's reason why the command did not start.
 */
async function demultiplex(
  source: Duplex,
  stdout: PassThrough,
  stderr: PassThrough,
  pidLine: Deferred<number>,
): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let beforePid: Buffer | undefined = Buffer.alloc(0);
  const deliver = async (target: PassThrough, payload: Buffer) => {
    if (target.destroyed || payload.length === 0) return;
    if (!target.write(payload)) await drainedOrClosed(target);
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= FRAME_HEADER_BYTES) {
        const size = pending.readUInt32BE(4);
        if (pending.length < FRAME_HEADER_BYTES + size) break;
        const type = pending[0];
        let payload = pending.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + size);
        pending = pending.subarray(FRAME_HEADER_BYTES + size);
        if (beforePid !== undefined && type === STDOUT) {
          beforePid = Buffer.concat([beforePid, payload]);
          const newline = beforePid.indexOf(0x0a);
          if (newline < 0) continue;
          const pid = Number(beforePid.subarray(0, newline).toString());
          if (!Number.isInteger(pid) || pid <= 0) break;
          pidLine.resolve(pid);
          payload = beforePid.subarray(newline + 1);
          beforePid = undefined;
        }
        await deliver(type === STDERR ? stderr : stdout, payload);
      }
      if (beforePid !== undefined && beforePid.indexOf(0x0a) >= 0) break;
    }
  } catch {
    // A reset connection ends the output like a closed one; the exit code tells what happened.
  } finally {
    if (beforePid !== undefined) {
      const reason = beforePid.toString().trim() || 'the connection closed before it started';
      pidLine.reject(new Error(`the command did not start: ${reason}`));
    }
    stdout.end();
    stderr.end();
  }
}

/** The engine may report an exec as running for a moment after its output ended. */
async function exitCodeOf(exec: Docker.Exec): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const { Running, ExitCode } = await exec.inspect();
      if (!Running) return ExitCode ?? -1;
    } catch {
      return -1;
    }
    await sleep(20);
  }
  return -1;
}

/** Signals a process group from a second exec, as root so that it may signal any user's processes. */
async function signalProcessGroup(container: Docker.Container, pid: number, signal: string): Promise<void> {
  if (!/^[A-Z0-9]+$/.test(signal)) throw new Error(`not a signal name: ${signal}`);
  const killer = await container.exec({
    // The group may be gone already: that is no failure.
    Cmd: [SH, '-c', 'kill -s "$0" "-$1" 2>/dev/null; exit 0', signal, String(pid)],
    User: '0',
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = (await killer.start({ hijack: true, stdin: false })) as Duplex;
  stream.on('error', () => undefined);
  stream.resume();
  await once(stream, 'close');
}

/** Writes to the exec's connection; `end()` half-closes it, which the engine passes on as EOF. */
function stdinOf(socket: Duplex): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (socket.destroyed || socket.writableEnded) return callback();
      socket.write(chunk, () => callback());
    },
    final(callback) {
      if (!socket.destroyed && !socket.writableEnded) socket.end();
      callback();
    },
  });
}

async function drainedOrClosed(stream: PassThrough): Promise<void> {
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The caller may have given up waiting (and a rejection after a resolve is a no-op anyway).
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { runContainerExec, startContainerExec, type ContainerExecution } from './container-exec.js';

/*
 * Files are read and written by commands run inside the container, as the sandbox's user: a path
 * resolves in the container's own filesystem (from `cwd` when relative), so `..` cannot reach the
 * host, and permissions are the container's. Content streams through the exec connection, never
 * whole in memory. The scripts use only POSIX shell and utilities busybox has.
 */

export interface ContainerFileOptions {
  /** The account the file is read or written as; the container's user when absent. */
  readonly user?: string;
  /** Where relative paths start; the container's working directory when absent. */
  readonly cwd?: string;
}

export interface ContainerFileStat {
  readonly size: number;
  readonly mtime: Date;
  /** The modification time to the nanosecond, as far as the filesystem keeps it: for validators such as ETags. */
  readonly mtimeNs: bigint;
  readonly inode: number;
  readonly isDir: boolean;
  /** A regular file: the only kind whose content can be read or written here. */
  readonly isFile: boolean;
  /** Whether the account that asked may read it. */
  readonly readable: boolean;
}

/** A byte range, both ends included. */
export interface ContainerFileRange {
  readonly start: number;
  readonly end: number;
}

export type ContainerFileErrorCode = 'not-found' | 'is-directory' | 'not-a-file' | 'failed';

export class ContainerFileError extends Error {
  constructor(
    readonly code: ContainerFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContainerFileError';
  }
}

/** Exit codes the scripts below use for the cases a caller tells apart. */
const EXIT_CODES: Readonly<Record<number, ContainerFileErrorCode>> = { 3: 'not-found', 4: 'is-directory', 5: 'not-a-file' };
const REQUIRE_FILE = [
  '[ -e "$1" ] || { echo "no such file: $1" >&2; exit 3; }',
  '[ -d "$1" ] && { echo "is a directory: $1" >&2; exit 4; }',
  '[ -f "$1" ] || { echo "not a regular file: $1" >&2; exit 5; }',
].join('\n');

/** Size, modification time and kind of what `path` names (through symbolic links); undefined when nothing is there. */
export async function statContainerFile(
  docker: Docker,
  containerId: string,
  path: string,
  options: ContainerFileOptions = {},
): Promise<ContainerFileStat | undefined> {
  const result = await runContainerExec(docker, containerId, {
    ...options,
    script: `[ -e "$1" ] || exit 3\n[ -r "$1" ] && r=1 || r=0\nexec stat -L -c "%s|%i|%F|%y|$r" -- "$1"`,
    args: [path],
  });
  if (result.exitCode === 3) return undefined;
  if (result.exitCode !== 0) throw failure('stat', path, result.exitCode, result.stderr);
  return parseStat(result.stdout.toString().trim());
}

/**
 * The content of the regular file at `path`, or of `range` of it, as a stream that fails with a
 * ContainerFileError when the file cannot be read. Destroying the stream stops the reading command.
 */
export async function readContainerFile(
  docker: Docker,
  containerId: string,
  path: string,
  options: ContainerFileOptions & { readonly range?: ContainerFileRange } = {},
): Promise<Readable> {
  const { range, ...fileOptions } = options;
  const read = range
    ? { script: `${REQUIRE_FILE}\ntail -c "+$2" -- "$1" | head -c "$3"`, args: [path, String(range.start + 1), String(range.end - range.start + 1)] }
    : { script: `${REQUIRE_FILE}\nexec cat -- "$1"`, args: [path] };
  const execution = await startContainerExec(docker, containerId, { ...fileOptions, ...read });
  const stderr = collectSome(execution.stderr);
  const content = new Transform({
    transform: (chunk: Buffer, _encoding, callback) => callback(null, chunk),
    flush: (callback) => {
      execution.exited.then(async ({ exitCode }) =>
        callback(exitCode === 0 ? null : failure('read', path, exitCode, await stderr)),
      );
    },
  });
  execution.stdout.pipe(content);
  content.on('close', () => {
    if (!content.writableFinished) stop(execution);
  });
  return content;
}

/**
 * Writes `content` to `path`, creating missing parent directories. The file changes only once all
 * of the content arrived: it is written next to its target and renamed over it (copied into it
 * where a rename cannot replace it, as for files Docker bind-mounts such as /etc/hosts). A file that
 * existed keeps its permission bits, and a symbolic link is written through. When `content` fails,
 * the target is left as it was.
 */
export async function writeContainerFile(
  docker: Docker,
  containerId: string,
  path: string,
  content: Readable,
  options: ContainerFileOptions = {},
): Promise<{ readonly bytes: number }> {
  const execution = await startContainerExec(docker, containerId, {
    ...options,
    script: [
      'p=$1',
      '[ -L "$p" ] && [ -e "$p" ] && p=$(readlink -f -- "$p")',
      '[ -d "$p" ] && { echo "is a directory: $1" >&2; exit 4; }',
      'd=$(dirname -- "$p")',
      't="$d/.snapforge-upload.$$"',
      `trap 'rm -f -- "$t"' EXIT`,
      `trap 'exit 143' TERM INT HUP`,
      'mkdir -p -- "$d" && cat > "$t" || exit',
      '[ -e "$p" ] && chmod "$(stat -c %a -- "$p")" -- "$t"',
      'mv -f -- "$t" "$p" 2>/dev/null || cat -- "$t" > "$p"',
    ].join('\n'),
    args: [path],
    stdin: true,
  });
  const stdin = execution.stdin;
  if (!stdin) throw new Error('the write command has no stdin');
  const stderr = collectSome(execution.stderr);
  execution.stdout.resume();
  let bytes = 0;
  const counter = new Transform({
    transform: (chunk: Buffer, _encoding, callback) => {
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    // A command that failed early drops the rest of the content (see `stdin`): it is still read to
    // its end, so that an HTTP caller can still be answered.
    await pipeline(content, counter, stdin);
  } catch (error) {
    // The content failed, not the command: stop it before it renames a partial file into place.
    stop(execution);
    await execution.exited;
    throw error;
  }
  const { exitCode } = await execution.exited;
  if (exitCode !== 0) throw failure('write', path, exitCode, await stderr);
  return { bytes };
}

/** Ends a command whose work is no longer wanted; TERM lets its traps clean up. */
function stop(execution: ContainerExecution): void {
  execution.kill('TERM').catch(() => undefined);
  execution.stdout.resume();
  execution.stderr.resume();
}

function failure(operation: string, path: string, exitCode: number, stderr: Buffer | string): ContainerFileError {
  const reason = stderr.toString().trim() || `exit code ${exitCode}`;
  return new ContainerFileError(EXIT_CODES[exitCode] ?? 'failed', `cannot ${operation} ${path}: ${reason}`);
}

/** The first few kilobytes of a stream (error messages), reading and dropping the rest. */
async function collectSome(stream: Readable, limit = 4096): Promise<string> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (text.length < limit) text += chunk.toString().slice(0, limit - text.length);
  }
  return text;
}

/** `stat -c '%s|%i|%F|%y|R'`, e.g. `3|1540213|regular file|2026-11-25 12:27:15.298787076 +0000|1`. */
function parseStat(line: string): ContainerFileStat {
  const [size, inode, kind, modified, readable] = line.split('|');
  const time = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,9}))? ([+-]\d\d)(\d\d)$/.exec(modified ?? '');
  if (size === undefined || inode === undefined || kind === undefined || !time) {
    throw new Error(`unexpected stat output: ${line}`);
  }
  const [, date, clock, fraction = '', zoneHours, zoneMinutes] = time;
  const seconds = Date.parse(`${date}T${clock}${zoneHours}:${zoneMinutes}`) / 1000;
  const mtimeNs = BigInt(seconds) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'));
  return {
    size: Number(size),
    inode: Number(inode),
    mtime: new Date(Number(mtimeNs / 1_000_000n)),
    mtimeNs,
    isDir: kind === 'directory',
    isFile: kind.startsWith('regular'),
    readable: readable === '1',
  };
}

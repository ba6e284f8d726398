import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ContainerExecExit, ContainerExecution } from '@snapforge/docker';
import { CommandOutputLog, type OutputStream } from './command-output-log.js';

export interface CommandLifecycle {
  /** Kill the command once no client has been attached for this long; undefined: never. */
  readonly idleTimeoutMs: number | undefined;
  /** Kill the command as soon as its last client detaches. */
  readonly killOnDisconnect: boolean;
  /** How long the command stays reachable after it finished. */
  readonly ttlMs: number;
  /** The requested time-out, 0 for none: for the message when it is reached. */
  readonly timeoutSeconds: number;
}

/**
 * A command started over the WebSocket: it runs on whether clients are attached or not (within its
 * lifecycle), and keeps its recent output so that a client can come back for it.
 */
export class CommandSession {
  readonly log: CommandOutputLog;
  /** Settles once the command exited and all its output is in the log. */
  readonly ended: Promise<ContainerExecExit>;
  private readonly listeners = new Set<() => void>();
  private idleTimer: NodeJS.Timeout | undefined;
  private exit: ContainerExecExit | undefined;

  constructor(
    readonly id: string,
    readonly sandboxId: string,
    private readonly execution: ContainerExecution,
    readonly lifecycle: CommandLifecycle,
    outputLogBytes: number,
  ) {
    this.log = new CommandOutputLog(outputLogBytes);
    const output = Promise.all([this.record(execution.stdout, 'stdout'), this.record(execution.stderr, 'stderr')]);
    this.ended = Promise.all([output, execution.exited]).then(([, exit]) => {
      this.exit = exit;
      clearTimeout(this.idleTimer);
      this.notify();
      return exit;
    });
  }

  get pid(): number {
    return this.execution.pid;
  }

  /** How the command ended; undefined while it runs. */
  get exitStatus(): ContainerExecExit | undefined {
    return this.exit;
  }

  /** Calls `onChange` on new output and at the end, until the returned function detaches it. */
  attach(onChange: () => void): () => void {
    this.listeners.add(onChange);
    clearTimeout(this.idleTimer);
    return () => {
      if (this.listeners.delete(onChange) && this.listeners.size === 0) this.unattended();
    };
  }

  /** Input for a command whose stdin is closed is dropped. */
  sendInput(data: string): void {
    const stdin = this.execution.stdin;
    if (stdin && !stdin.writableEnded) stdin.write(data);
  }

  closeStdin(): void {
    const stdin = this.execution.stdin;
    if (stdin && !stdin.writableEnded) stdin.end();
  }

  /** SIGKILL to the command's process group. */
  async kill(): Promise<void> {
    await this.execution.kill('KILL');
  }

  private unattended(): void {
    if (this.exit) return;
    const { killOnDisconnect, idleTimeoutMs } = this.lifecycle;
    if (killOnDisconnect) {
      this.kill().catch(() => undefined);
    } else if (idleTimeoutMs !== undefined) {
      this.idleTimer = setTimeout(() => this.kill().catch(() => undefined), idleTimeoutMs);
    }
  }

  /** Output is taken as fast as it comes: the command never waits for a client; the log drops what is too old. */
  private async record(stream: Readable, name: OutputStream): Promise<void> {
    const decoder = new StringDecoder('utf8');
    stream.on('data', (chunk: Buffer) => {
      this.log.append(name, decoder.write(chunk));
      this.notify();
    });
    await finished(stream).catch(() => undefined);
    this.log.append(name, decoder.end());
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

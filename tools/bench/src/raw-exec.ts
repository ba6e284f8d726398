import { once } from 'node:events';
import { PassThrough, type Duplex } from 'node:stream';
import type Docker from 'dockerode';

const EXIT_TIMEOUT_MS = 10_000;

export interface RawExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * `docker exec` as plain engine calls: create the exec, start it attached, read its demultiplexed
 * output to the end, inspect its exit code. The engine may report an exec as running for a moment
 * after its output ended; the inspect is repeated at once, so the series pays only the engine's delay.
 */
export async function rawExec(docker: Docker, containerId: string, cmd: readonly string[]): Promise<RawExecResult> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const [out, err] = [text(stdout), text(stderr)];
  docker.modem.demuxStream(stream, stdout, stderr);
  await once(stream, 'end');
  stdout.end();
  stderr.end();
  const deadline = Date.now() + EXIT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { Running, ExitCode } = await exec.inspect();
    if (!Running) return { stdout: await out, stderr: await err, exitCode: ExitCode ?? -1 };
  }
  throw new Error(`the engine still reports exec ${exec.id} as running ${EXIT_TIMEOUT_MS} ms after its output ended`);
}

async function text(stream: PassThrough): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

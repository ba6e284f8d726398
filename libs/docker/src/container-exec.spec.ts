import Docker from 'dockerode';
import { ensureBaseImage } from './base-image.js';
import { runContainerExec, startContainerExec } from './container-exec.js';

describe('container exec', () => {
  const docker = new Docker();
  let container: Docker.Container;
  let containerId: string;

  // Not @snapforge/testing's useDocker(): the testing library depends on this one.
  beforeAll(async () => {
    const image = await ensureBaseImage(docker);
    container = await docker.createContainer({
      Image: image.id,
      Cmd: ['sleep', '86400'],
      Labels: { 'io.snapforge.test': 'true' },
      HostConfig: { NetworkMode: 'none' },
    });
    await container.start();
    containerId = container.id;
  });

  afterAll(async () => {
    await container?.remove({ force: true });
  });

  const run = (options: Parameters<typeof runContainerExec>[2]) => runContainerExec(docker, containerId, options);

  it('runs a script with arguments, cwd, env and user, keeping stdout and stderr apart', async () => {
    const result = await run({
      script: 'echo "$1 $2" in "$(pwd)" as "$(id -u)" with "$GREETING"; echo oops >&2; exit 3',
      args: ['two', 'words'],
      cwd: '/tmp',
      env: { GREETING: 'hi there' },
      user: '65534',
    });
    expect(result).toMatchObject({ exitCode: 3, timedOut: false });
    expect(result.stdout.toString()).toBe('two words in /tmp as 65534 with hi there\n');
    expect(result.stderr.toString()).toBe('oops\n');
  });

  it('runs with /bin/sh when the requested shell is not in the container', async () => {
    const result = await run({ script: 'echo "$0"', shell: '/bin/bash' });
    expect(result.stdout.toString()).toBe('/bin/sh\n');
    expect(result.exitCode).toBe(0);
  });

  it('fails the command, not the call, when the working directory is missing', async () => {
    const result = await run({ script: 'echo never', cwd: '/nonexistent' });
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout.toString()).toBe('');
    expect(result.stderr.toString()).toMatch(/nonexistent/);
  });

  it('rejects when the engine cannot start the command', async () => {
    await expect(run({ script: 'true', user: 'no-such-user' })).rejects.toThrow(/did not start: .*no-such-user/);
  });

  it('passes stdin through and closes it on end()', async () => {
    const execution = await startContainerExec(docker, containerId, { script: 'tr a-z A-Z; echo done', stdin: true });
    execution.stdin?.write('hello ');
    execution.stdin?.end('stdin\n');
    const [stdout, exit] = await Promise.all([text(execution.stdout), execution.exited]);
    expect(stdout).toBe('HELLO STDIN\ndone\n');
    expect(exit).toEqual({ exitCode: 0, timedOut: false });
  });

  it('kills the whole process group, background children included', async () => {
    const execution = await startContainerExec(docker, containerId, { script: 'sleep 300 & echo $!; wait' });
    const childPid = await firstLine(execution.stdout);
    await execution.kill();
    expect((await execution.exited).exitCode).toBe(137);
    expect(await alive(docker, containerId, childPid)).toBe(false);
  });

  it('kills a command that runs past its time-out', async () => {
    const execution = await startContainerExec(docker, containerId, { script: 'sleep 300', timeoutMs: 300 });
    execution.stdout.resume();
    execution.stderr.resume();
    await expect(execution.exited).resolves.toEqual({ exitCode: 137, timedOut: true });
  });

  it('delivers large output whole, at the pace of a slow reader', async () => {
    const bytes = 8 * 1024 * 1024;
    const execution = await startContainerExec(docker, containerId, { script: `head -c ${bytes} /dev/zero` });
    execution.stderr.resume();
    let received = 0;
    for await (const chunk of execution.stdout as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received < 256 * 1024) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(received).toBe(bytes);
    expect((await execution.exited).exitCode).toBe(0);
  });
});

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let result = '';
  for await (const chunk of stream) result += chunk.toString();
  return result;
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let buffered = '';
  for await (const chunk of stream) {
    buffered += chunk.toString();
    if (buffered.includes('\n')) break;
  }
  return buffered.split('\n')[0] ?? '';
}

/** Killed orphans stay zombies in a container whose pid 1 does not reap them: those are dead too. */
async function alive(docker: Docker, containerId: string, pid: string): Promise<boolean> {
  const script = '[ -e "/proc/$1" ] && ! grep -q "^State:.*zombie" "/proc/$1/status"';
  const { exitCode } = await runContainerExec(docker, containerId, { script, args: [pid] });
  return exitCode === 0;
}

import { randomUUID } from 'node:crypto';
import { SandboxClient, type Sandbox } from 'langsmith/sandbox';
import { dockerForTests, startServiceStack, type DockerForTests, type ServiceStack } from '@snapforge/testing';

/** What users do inside sandboxes, through the unmodified client against a running stack. */
describe('inside a sandbox', () => {
  let docker: DockerForTests;
  let stack: ServiceStack;
  let client: SandboxClient;
  let sandbox: Sandbox;
  let snapshotId: string;
  let apiKey: string;

  beforeAll(async () => {
    docker = await dockerForTests();
    stack = await startServiceStack();
    ({ apiKey } = await stack.createWorkspace('dataplane'));
    client = new SandboxClient({ apiEndpoint: `${stack.url}/v2/sandboxes`, apiKey, maxRetries: 0 });
    snapshotId = (await client.createSnapshot(`tools-${randomUUID().slice(0, 8)}`, docker.baseImage, 1024 ** 3, { timeout: 120 })).id;
    sandbox = await client.createSandbox(snapshotId, { timeout: 60 });
  });

  afterAll(async () => {
    await stack?.stop();
    await docker?.cleanup();
  });

  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it('runs a command (the client asks for bash; busybox has only sh)', async () => {
    await expect(sandbox.run('echo hello from $0; exit 3')).resolves.toEqual({ stdout: 'hello from /bin/sh\n', stderr: '', exit_code: 3 });
  });

  it('writes a file, then reads it back', async () => {
    await sandbox.write('/root/notes/todo.txt', 'ship it\n');
    expect(text(await sandbox.read('/root/notes/todo.txt'))).toBe('ship it\n');
  });

  it('streams a long command to callbacks, kills one, and reconnects to a running one', async () => {
    const chunks: string[] = [];
    const streamed = await sandbox.run('for i in 1 2 3; do echo "tick $i"; sleep 0.2; done', { onStdout: (data) => chunks.push(data) });
    expect(streamed.stdout).toBe('tick 1\ntick 2\ntick 3\n');
    expect(chunks.join('')).toBe(streamed.stdout);

    const doomed = await sandbox.run('sleep 300', { wait: false });
    doomed.kill();
    await expect(doomed.result).resolves.toMatchObject({ exit_code: 137 });

    const running = await sandbox.run('echo started; sleep 1; echo finished', { wait: false });
    const resumed = await sandbox.reconnect(running.commandId ?? '');
    await expect(resumed.result).resolves.toMatchObject({ stdout: 'started\nfinished\n', exit_code: 0 });
  });

  it('keeps every file across stop and start, /tmp included; a capture keeps /root but not /tmp', async () => {
    await sandbox.write('/tmp/state.txt', 'scratch');
    await sandbox.write('/root/keep.txt', 'precious');
    await client.stopSandbox(sandbox.name);
    await client.startSandbox(sandbox.name, { timeout: 60 });
    expect(text(await sandbox.read('/tmp/state.txt'))).toBe('scratch');
    expect(text(await sandbox.read('/root/keep.txt'))).toBe('precious');

    const captured = await client.captureSnapshot(sandbox.name, `captured-${randomUUID().slice(0, 8)}`, { timeout: 120 });
    expect(captured).toMatchObject({ status: 'ready', source_sandbox_id: sandbox.id });
    const output = await fetch(`${stack.url}/v1/snapshots/${captured.id}/output?follow=true`, { headers: { 'x-api-key': apiKey } });
    expect(await output.text()).toContain(`Snapshot ${captured.id} is ready`);
    const fromCapture = await client.createSandbox({ snapshotName: captured.name, timeout: 60 });
    expect(text(await fromCapture.read('/root/keep.txt'))).toBe('precious');
    await expect(fromCapture.run('test -e /tmp/state.txt')).resolves.toMatchObject({ exit_code: 1 });
    await client.deleteSandbox(fromCapture.name);
  });

  it('cannot reach the network, the Docker socket or the host', async () => {
    const probe = await sandbox.run('ls /var/run/docker.sock; cat /proc/net/route | wc -l; ip link 2>/dev/null | grep -c "state UP"');
    expect(probe.stderr).toContain('No such file or directory');
    expect(probe.stdout.trim().split('\n')[0]).toBe('1');
  });
});

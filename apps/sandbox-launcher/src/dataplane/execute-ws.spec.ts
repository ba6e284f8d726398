import * as langsmith from 'langsmith/sandbox';
import type { CommandHandle, Sandbox } from 'langsmith/sandbox';
import { API_KEY, langsmithSandbox, SANDBOX_ID, STOPPED_SANDBOX_ID, useDataPlane } from './dataplane-harness.test.js';

describe('data plane: commands over the WebSocket, with the langsmith client', () => {
  const dataPlane = useDataPlane({
    runConfig: { workDir: '/tmp', envVars: { FROM_SANDBOX: 'sandbox', OVERRIDDEN: 'sandbox' } },
    limits: { activityIntervalMs: 100 },
  });
  let sandbox: Sandbox;

  beforeAll(() => {
    sandbox = langsmithSandbox(langsmith, dataPlane.dataplaneUrl());
  });

  it('runs a command and answers its stdout, stderr and exit code', async () => {
    await expect(sandbox.run('echo hello; echo oops >&2; exit 3')).resolves.toEqual({ stdout: 'hello\n', stderr: 'oops\n', exit_code: 3 });
    expect(dataPlane.requests).toContain(`GET /sandboxes/${SANDBOX_ID}/execute/ws`);
    expect(dataPlane.activity).toContain(SANDBOX_ID);
  });

  it('runs with /bin/sh when the default /bin/bash is not in the sandbox', async () => {
    await expect(sandbox.run('echo "$0"')).resolves.toMatchObject({ stdout: '/bin/sh\n', exit_code: 0 });
  });

  it("layers the request's cwd, env and run config over the sandbox's", async () => {
    const script = 'echo "$FROM_SANDBOX $OVERRIDDEN $(pwd) $(id -u)"';
    await expect(sandbox.run(script)).resolves.toMatchObject({ stdout: 'sandbox sandbox /tmp 0\n' });
    await expect(sandbox.run(script, { env: { OVERRIDDEN: 'request' }, cwd: '/etc' })).resolves.toMatchObject({ stdout: 'sandbox request /etc 0\n' });
    await expect(sandbox.run(script, { runConfig: { user: '65534', work_dir: '/', env_vars: { OVERRIDDEN: 'run config' } } })).resolves.toMatchObject({
      stdout: 'sandbox run config / 65534\n',
    });
  });

  it('streams output to onStdout as it comes', async () => {
    const chunks: string[] = [];
    const result = await sandbox.run('for i in 1 2 3; do echo "line $i"; sleep 0.3; done', { onStdout: (data) => chunks.push(data) });
    expect(result.stdout).toBe('line 1\nline 2\nline 3\n');
    expect(chunks.join('')).toBe(result.stdout);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
  });

  it('kills a running command', async () => {
    const handle = await sandbox.run('sleep 300', { wait: false });
    expect(handle.pid).toBeGreaterThan(0);
    handle.kill();
    await expect(handle.result).resolves.toMatchObject({ exit_code: 137 });
  });

  it('passes input to stdin and closes it', async () => {
    const reader = await sandbox.run('read line; echo "got $line"; cat', { wait: false, closeInput: false });
    reader.sendInput('first line\n');
    reader.sendInput('the rest');
    reader.closeInput();
    await expect(reader.result).resolves.toEqual({ stdout: 'got first line\nthe rest', stderr: '', exit_code: 0 });
    // stdin is closed by default: a command that reads it sees EOF rather than waiting.
    await expect(sandbox.run('cat; echo eof')).resolves.toMatchObject({ stdout: 'eof\n' });
  });

  it('reattaches to a running command from the offsets a client had, and to a finished one while it is kept', async () => {
    const handle = await sandbox.run('echo first; sleep 1; echo "sécond ✓"', { wait: false });
    await firstChunk(handle);
    expect(handle.lastStdoutOffset).toBe('first\n'.length);
    const commandId = handle.commandId ?? '';

    const resumed = await sandbox.reconnect(commandId, { stdoutOffset: handle.lastStdoutOffset });
    await expect(resumed.result).resolves.toEqual({ stdout: 'sécond ✓\n', stderr: '', exit_code: 0 });

    const replayed = await sandbox.reconnect(commandId);
    await expect(replayed.result).resolves.toMatchObject({ stdout: 'first\nsécond ✓\n' });
    expect(replayed.lastStdoutOffset).toBe(Buffer.byteLength('first\nsécond ✓\n'));
  });

  it('re-attaches an execute retried with the same command id instead of running it twice', async () => {
    const commandId = `retry-${Date.now()}`;
    const first = await sandbox.run('echo ran >> /tmp/retried; cat /tmp/retried', { wait: false, commandId });
    const retried = await sandbox.run('echo ran >> /tmp/retried; cat /tmp/retried', { wait: false, commandId });
    expect(retried.pid).toBe(first.pid);
    await expect(retried.result).resolves.toMatchObject({ stdout: 'ran\n' });
    await expect(first.result).resolves.toMatchObject({ stdout: 'ran\n' });
  });

  it('answers CommandNotFound for a command it does not know', async () => {
    const handle = await sandbox.reconnect('no-such-command');
    await expect(handle.result).rejects.toMatchObject({ name: 'LangSmithSandboxOperationError', errorType: 'CommandNotFound' });
  });

  it('kills a command past its time-out and fails it with CommandTimeout', async () => {
    await expect(sandbox.run('sleep 30', { timeout: 1 })).rejects.toBeInstanceOf(langsmith.LangSmithCommandTimeoutError);
  });

  it('kills a command when its last client goes away, if asked to', async () => {
    const handle = await sandbox.run('echo ready; sleep 300', { wait: false, killOnDisconnect: true });
    await firstChunk(handle);
    const after = await sandbox.reconnect(handle.commandId ?? '');
    await expect(after.result).resolves.toMatchObject({ stdout: 'ready\n', exit_code: 137 });
  });

  it('kills a command no client attached to for its idle time-out', async () => {
    const handle = await sandbox.run('echo ready; sleep 300', { wait: false, idleTimeout: 1 });
    await firstChunk(handle);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = await sandbox.reconnect(handle.commandId ?? '');
    await expect(after.result).resolves.toMatchObject({ stdout: 'ready\n', exit_code: 137 });
  });

  it('reports activity on the sandbox while a command runs, without requests', async () => {
    const before = dataPlane.activity.length;
    await sandbox.run('sleep 1');
    // One report for the request, then one every 100 ms while the command runs.
    expect(dataPlane.activity.length - before).toBeGreaterThanOrEqual(5);
  });

  it('refuses the upgrade for a bad API key, an unknown sandbox and a stopped one', async () => {
    const refused = (url: string, apiKey = API_KEY) => langsmithSandbox(langsmith, url, apiKey).run('true');
    await expect(refused(dataPlane.dataplaneUrl(), 'wrong-key')).rejects.toThrow(/HTTP 401/);
    await expect(refused(dataPlane.dataplaneUrl('someone-elses'))).rejects.toThrow(/HTTP 404/);
    await expect(refused(dataPlane.dataplaneUrl(STOPPED_SANDBOX_ID))).rejects.toThrow(/HTTP 400/);
  });
});

/** Waits for the first output chunk, then leaves: the client closes its WebSocket. */
async function firstChunk(handle: CommandHandle): Promise<void> {
  for await (const chunk of handle) {
    if (chunk) break;
  }
}

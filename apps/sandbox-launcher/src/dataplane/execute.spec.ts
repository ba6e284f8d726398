import { jest } from '@jest/globals';
import { API_KEY, langsmithSandbox, SANDBOX_ID, STOPPED_SANDBOX_ID, useDataPlane } from './dataplane-harness.test.js';

// The client runs blocking commands over HTTP when it cannot import the optional `ws` package: make
// that import fail for the client, which this spec loads only afterwards. (The server was loaded
// with the real `ws` already, by the harness.)
jest.unstable_mockModule('ws', () => {
  throw new Error("Cannot find package 'ws'");
});
const langsmith = await import('langsmith/sandbox');

describe('data plane: POST /execute, with the langsmith client and without ws', () => {
  const dataPlane = useDataPlane({ runConfig: { workDir: '/tmp', envVars: { FROM_SANDBOX: 'sandbox', OVERRIDDEN: 'sandbox' } } });
  const sandbox = () => langsmithSandbox(langsmith, dataPlane.dataplaneUrl());
  const execute = (body: unknown) =>
    fetch(`${dataPlane.dataplaneUrl()}/execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify(body),
    });

  it('runs a command over HTTP and answers its stdout, stderr and exit code', async () => {
    await expect(sandbox().run('echo hello; echo oops >&2; exit 3')).resolves.toEqual({ stdout: 'hello\n', stderr: 'oops\n', exit_code: 3 });
    expect(dataPlane.requests).toContain(`POST /sandboxes/${SANDBOX_ID}/execute`);
    expect(dataPlane.requests.filter((request) => request.endsWith('/execute/ws'))).toEqual([]);
    expect(dataPlane.activity).toContain(SANDBOX_ID);
  });

  it('runs with /bin/sh when the default /bin/bash is not in the sandbox', async () => {
    await expect(sandbox().run('echo "$0"')).resolves.toMatchObject({ stdout: '/bin/sh\n', exit_code: 0 });
  });

  it("layers the request's cwd, env and run config over the sandbox's", async () => {
    const script = 'echo "$FROM_SANDBOX $OVERRIDDEN $(pwd) $(id -u)"';
    await expect(sandbox().run(script, { env: { OVERRIDDEN: 'request' }, cwd: '/etc' })).resolves.toMatchObject({ stdout: 'sandbox request /etc 0\n' });
    await expect(sandbox().run(script, { runConfig: { user: '65534', env_vars: { OVERRIDDEN: 'run config' } } })).resolves.toMatchObject({
      stdout: 'sandbox run config /tmp 65534\n',
    });
  });

  it('kills a command past its time-out and answers 408 CommandTimeout', async () => {
    await expect(sandbox().run('sleep 30', { timeout: 1 })).rejects.toThrow(/time-out of 1 s/);
    const response = await execute({ command: 'sleep 30', timeout: 1 });
    expect(response.status).toBe(408);
    expect(await response.json()).toMatchObject({ detail: { error: 'CommandTimeout' } });
  });

  it('answers 422 naming the field for a bad request, and 400 for run_config combined with env', async () => {
    const missing = await execute({ timeout: 5 });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({ detail: [{ loc: ['body', 'command'], msg: 'is required', type: 'value_error' }] });
    const relative = await execute({ command: 'pwd', cwd: 'relative/dir' });
    expect(await relative.json()).toMatchObject({ detail: [{ loc: ['body', 'cwd'] }] });
    const combined = await execute({ command: 'pwd', env: { A: 'b' }, run_config: { user: '0' } });
    expect(combined.status).toBe(400);
    expect(await combined.json()).toMatchObject({ detail: { error: 'InvalidRequest' } });
  });

  it('refuses a bad API key (401), an unknown sandbox (404) and a stopped one (400 NotReady)', async () => {
    const run = (url: string, apiKey = API_KEY) => langsmithSandbox(langsmith, url, apiKey).run('true');
    await expect(run(dataPlane.dataplaneUrl(), 'wrong-key')).rejects.toThrow('missing or unknown API key');
    await expect(run(dataPlane.dataplaneUrl('someone-elses'))).rejects.toBeInstanceOf(langsmith.LangSmithResourceNotFoundError);
    await expect(run(dataPlane.dataplaneUrl(STOPPED_SANDBOX_ID))).rejects.toBeInstanceOf(langsmith.LangSmithSandboxNotReadyError);
    const unauthorized = await fetch(`${dataPlane.dataplaneUrl()}/execute`, { method: 'POST', body: '{}' });
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({ detail: { error: 'Unauthorized', message: 'missing or unknown API key' } });
  });
});

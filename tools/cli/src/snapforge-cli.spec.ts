import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dockerForTests,
  freePort,
  runSnapforgeCli,
  startServiceStack,
  tempDir,
  type CliRun,
  type DockerForTests,
  type ServiceStack,
} from '@snapforge/testing';
import type { SnapshotPage, SnapshotResource } from './snapshot-resource.js';

const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** `snapforge ARGS` as a user runs it, with only the configuration given here (none inherited). */
function snapforge(args: string[], { env = {}, cwd = workspaceRoot }: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  return runSnapforgeCli(args, env, cwd);
}

/**
 * The CLI as a child process against the whole system: six services, a real nats-server and the
 * Docker Engine. Its workspace is made with the CLI itself.
 */
describe('the snapforge CLI', () => {
  let docker: DockerForTests;
  let stack: ServiceStack;
  let created: CliRun;
  let apiKey: string;
  const gateway = () => ({ SNAPFORGE_URL: stack.url, SNAPFORGE_API_KEY: apiKey });
  const name = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
  /** The workspace is the CLI's, not the stack's: the images its builds make are removed here. */
  const trackImage = (id: string) => docker.track(docker.docker.getImage(`snapforge/snapshot:${id}`));

  beforeAll(async () => {
    docker = await dockerForTests();
    stack = await startServiceStack();
    created = await snapforge(['workspace', 'create', 'cli-test', '--json'], { env: { SNAPFORGE_NATS_URL: stack.nats.url } });
    apiKey = (JSON.parse(created.stdout) as { api_key: string }).api_key;
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await docker?.cleanup();
  });

  it('makes a workspace over NATS whose key the gateway accepts', async () => {
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(created.stdout)).toEqual({ workspace_id: expect.stringMatching(/^[0-9a-f-]{36}$/), api_key: expect.any(String) });
    const response = await fetch(`${stack.url}/v2/sandboxes/snapshots`, { headers: { 'x-api-key': apiKey } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ snapshots: [], total: 0 });

    const text = await snapforge(['workspace', 'create', 'cli-text', '--nats', stack.nats.url]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Workspace cli-text created: [0-9a-f-]{36}\nAPI key: \S+\n.*shown only this once/);
  });

  it('builds a snapshot, showing the build output as it runs, then the ready summary', async () => {
    const snapshotName = name('cli-box');
    const run = await snapforge(['snapshot', 'create', snapshotName, '--image', docker.baseImage, '--fs-capacity', '512MiB', '--timeout', '120'], { env: gateway() });
    const id = /^id:\s+(\S+)$/m.exec(run.stdout)?.[1] ?? '';
    if (id) trackImage(id);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Using ${docker.baseImage}, already on this host\n`);
    expect(run.stdout).toContain(`Snapshot ${id} is ready\n`);
    expect(run.stdout).toMatch(new RegExp(`Snapshot ${snapshotName} is ready\nid: +${id}\ndigest: +sha256:[0-9a-f]{64}\nsize: +[\\d.]+ \\w+ \\(\\d+ bytes\\)\n$`));
    expect(run.stdout).not.toContain(apiKey);

    const listed = await snapforge(['snapshot', 'list', '--name-contains', snapshotName, '--json'], { env: gateway() });
    expect(listed.code).toBe(0);
    const page = JSON.parse(listed.stdout) as SnapshotPage;
    expect(page.snapshots.map((snapshot) => [snapshot.id, snapshot.status, snapshot.fs_capacity_bytes])).toEqual([[id, 'ready', 512 * 1024 ** 2]]);

    const table = await snapforge(['snapshot', 'list'], { env: gateway() });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID +NAME +STATUS +SIZE +CREATED\n/);
    expect(table.stdout).toMatch(new RegExp(`^${id} +${snapshotName} +ready +[\\d.]+ \\w+ +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`, 'm'));

    const got = await snapforge(['snapshot', 'get', id, '--json'], { env: gateway() });
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout) as SnapshotResource).toMatchObject({ id, name: snapshotName, status: 'ready', docker_image: docker.baseImage });
    const details = await snapforge(['snapshot', 'get', id], { env: gateway() });
    expect(details.stdout).toMatch(/^status: +ready$/m);
    expect(details.stdout).toMatch(/^capacity: +512 MiB$/m);

    const deleted = await snapforge(['snapshot', 'delete', id], { env: gateway() });
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted snapshot ${id}\n` });
    const gone = await snapforge(['snapshot', 'get', id], { env: gateway() });
    expect(gone).toMatchObject({ code: 1, stdout: '', stderr: `snapforge: snapshot '${id}' not found\n` });
  });

  it('exits 1 with the reason when the build fails, and keeps stdout JSON-only with --json', async () => {
    const image = `snapforge/missing-${randomUUID().slice(0, 8)}:1`;
    const run = await snapforge(['snapshot', 'create', name('cli-missing'), '--image', image, '--json'], { env: gateway() });
    expect(run.code).toBe(1);
    const snapshot = JSON.parse(run.stdout) as SnapshotResource;
    expect(snapshot).toMatchObject({ status: 'failed', docker_image: image });
    expect(snapshot.status_message).toMatch(/pulling snapforge\/missing-.* \(it is not on this host\) failed: /);
    expect(run.stderr).toContain(`failed: ${snapshot.status_message}\n`);
  });

  it('refuses bad flag values and command lines before sending anything, exiting 2', async () => {
    const capacity = await snapforge(['snapshot', 'create', name('cli-bad'), '--image', docker.baseImage, '--fs-capacity', 'lots'], { env: gateway() });
    expect(capacity.code).toBe(2);
    expect(capacity.stderr).toMatch(/^snapforge: --fs-capacity: expected a size .*, got 'lots'\n/);
    expect(capacity.stderr).toContain('Usage: snapforge snapshot create NAME --image REF [options]');

    for (const args of [[], ['sandbox'], ['snapshot'], ['snapshot', 'rename'], ['snapshot', 'list', '--bogus'], ['snapshot', 'get'], ['snapshot', 'list', '--limit', 'ten']]) {
      const run = await snapforge(args, { env: gateway() });
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(/^snapforge: .+\n\nUsage: snapforge /);
    }
    const help = await snapforge(['snapshot', 'list', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('--name-contains TEXT');
  });

  it("reports the API's errors without showing the key, exiting 1", async () => {
    const wrongKey = `sf_wrong-${randomUUID()}`;
    const refused = await snapforge(['snapshot', 'list', '--api-key', wrongKey], { env: { SNAPFORGE_URL: stack.url } });
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: 'snapforge: invalid or revoked API key\n' });

    const invalid = await snapforge(['snapshot', 'list', '--limit', '501'], { env: gateway() });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^snapforge: invalid request: query\.limit: /);

    const closed = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await snapforge(['snapshot', 'list', '--url', closed], { env: gateway() });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(new RegExp(`^snapforge: cannot reach the gateway at ${closed}: .*ECONNREFUSED`));
    for (const run of [refused, invalid, unreachable]) expect(run.stderr + run.stdout).not.toMatch(new RegExp(`${wrongKey}|${apiKey}`));

    const noNatsUrl = `nats://127.0.0.1:${await freePort()}`;
    const noNats = await snapforge(['workspace', 'create', 'nowhere', '--nats', noNatsUrl]);
    expect(noNats.code).toBe(1);
    expect(noNats.stderr).toContain(`snapforge: cannot reach NATS at ${noNatsUrl} (connection refused)`);
  });

  it('takes the gateway from .snapforge/dev.env in the current directory, and says how to configure it when nothing does', async () => {
    const dir = await tempDir('cli-cwd');
    try {
      const unconfigured = await snapforge(['snapshot', 'list'], { cwd: dir.path });
      expect(unconfigured.code).toBe(2);
      expect(unconfigured.stderr).toMatch(/^snapforge: no gateway URL: pass --url, set SNAPFORGE_URL, or .*\.snapforge\/dev\.env/);

      await mkdir(join(dir.path, '.snapforge'));
      await writeFile(join(dir.path, '.snapforge/dev.env'), `SNAPFORGE_URL=${stack.url}\nSNAPFORGE_API_KEY=${apiKey}\n`);
      const configured = await snapforge(['snapshot', 'list', '--json'], { cwd: dir.path });
      expect(configured.code).toBe(0);
      expect(JSON.parse(configured.stdout)).toMatchObject({ offset: 0, total: expect.any(Number) });
    } finally {
      await dir.remove();
    }
  });
});

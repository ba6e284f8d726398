import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { BASE_IMAGE_LABEL, ensureBaseImage, makeTestImage, splitReference } from './base-image.js';

// The harness's TEST_LABEL from @snapforge/testing, which depends on this library and cannot be imported here.
const TEST_LABEL = 'io.snapforge.test';
const docker = new Docker();

async function removeImage(ref: string): Promise<void> {
  await docker
    .getImage(ref)
    .remove({ force: true })
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
}

/** Runs a shell command in a throw-away container without network and returns its stdout. */
async function shell(image: string, command: string): Promise<string> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['/bin/sh', '-c', command],
    Labels: { [TEST_LABEL]: 'true' },
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const multiplexed = new PassThrough();
    const ended = once(multiplexed, 'end');
    docker.modem.demuxStream(multiplexed, stdout, stderr);
    multiplexed.end(logs);
    await ended;
    if (StatusCode !== 0) throw new Error(`${command} exited with ${StatusCode}: ${Buffer.concat(err).toString()}`);
    return Buffer.concat(out).toString();
  } finally {
    await container.remove({ force: true });
  }
}

describe('ensureBaseImage', () => {
  const ref = `snapforge-spec/busybox:${randomBytes(4).toString('hex')}`;
  afterAll(() => removeImage(ref));

  it('imports a busybox root filesystem once, then finds it', async () => {
    const made = await ensureBaseImage(docker, ref);
    expect(made.created).toBe(true);
    await expect(ensureBaseImage(docker, ref)).resolves.toEqual({ id: made.id, created: false });

    const { Config } = await docker.getImage(ref).inspect();
    expect(Config.Cmd).toEqual(['/bin/sh']);
    expect(Config.WorkingDir).toBe('/');
    expect(Config.Env).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(Config.Labels).toEqual({ [BASE_IMAGE_LABEL]: 'busybox' });
  });

  it('gives a usable shell with every applet, users, and a world-writable sticky /tmp', async () => {
    const output = await shell(
      ref,
      'id -un; stat -c "%a %U" /tmp /root /; grep -c . /etc/passwd; ls -l /bin/sh | grep -o "busybox"; wget --help 2>&1 | head -c 0; env true && echo env-ok; pwd',
    );
    expect(output.split('\n')).toEqual(['root', '1777 root', '700 root', '755 root', '2', 'busybox', 'env-ok', '/', '']);
  });
});

describe('makeTestImage', () => {
  const ref = `snapforge-spec/payload:${randomBytes(4).toString('hex')}`;
  afterAll(() => removeImage(ref));

  it('adds a layer of random bytes of the asked size on top of the base image', async () => {
    const base = await ensureBaseImage(docker);
    const extraBytes = 3 * 1024 * 1024 + 17;
    const id = await makeTestImage(docker, ref, { extraBytes, labels: { [TEST_LABEL]: 'true' } });

    const image = await docker.getImage(ref).inspect();
    expect(image.Id).toBe(id);
    expect(image.Parent === base.id || image.RootFS.Layers?.length === 2).toBe(true);
    expect(image.Config.Cmd).toEqual(['/bin/sh']);
    expect(image.Config.Labels).toMatchObject({ [TEST_LABEL]: 'true' });
    expect(await shell(ref, 'wc -c < /payload')).toBe(`${extraBytes}\n`);
    // The container that wrote the payload is gone.
    const containers = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [TEST_LABEL] }) });
    expect(containers.filter((container) => container.Command.includes('/payload'))).toEqual([]);
  });
});

describe('splitReference', () => {
  it.each([
    ['snapforge/busybox:latest', 'snapforge/busybox', 'latest'],
    ['busybox', 'busybox', 'latest'],
    ['127.0.0.1:5000/team/app:v1', '127.0.0.1:5000/team/app', 'v1'],
    ['127.0.0.1:5000/team/app', '127.0.0.1:5000/team/app', 'latest'],
  ])('%s', (ref, repo, tag) => {
    expect(splitReference(ref)).toEqual({ repo, tag });
  });
});

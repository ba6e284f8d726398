import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { ensureBaseImage } from './base-image.js';
import { runContainerExec } from './container-exec.js';
import { ContainerFileError, readContainerFile, statContainerFile, writeContainerFile } from './container-files.js';

describe('container files', () => {
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

  const write = (path: string, content: Readable, options = {}) => writeContainerFile(docker, containerId, path, content, options);
  const read = async (path: string, options = {}) => text(await readContainerFile(docker, containerId, path, options));
  const stat = (path: string, options = {}) => statContainerFile(docker, containerId, path, options);
  const sh = async (script: string) => (await runContainerExec(docker, containerId, { script })).stdout.toString();

  it('writes a file, creating its directories, then stats and reads it whole or in part', async () => {
    const before = Date.now();
    await expect(write('/data/deep/dir/file.txt', Readable.from(['0123', '456789']))).resolves.toEqual({ bytes: 10 });
    const stats = await stat('/data/deep/dir/file.txt');
    expect(stats).toMatchObject({ size: 10, isDir: false, isFile: true, readable: true });
    expect(stats?.mtime.getTime()).toBeGreaterThan(before - 5_000);
    expect(await read('/data/deep/dir/file.txt')).toBe('0123456789');
    expect(await read('/data/deep/dir/file.txt', { range: { start: 3, end: 5 } })).toBe('345');
    expect(await read('/data/deep/dir/file.txt', { range: { start: 7, end: 9 } })).toBe('789');
    expect(await stat('/data/deep')).toMatchObject({ isDir: true, isFile: false });
  });

  it('answers undefined for a missing path and fails reads of missing files and directories', async () => {
    await expect(stat('/nope')).resolves.toBeUndefined();
    await expect(read('/nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(read('/etc')).rejects.toMatchObject({ code: 'is-directory' });
  });

  it('resolves paths inside the container: `..` from the working directory stops at its root', async () => {
    const passwd = await read('../../../../etc/passwd', { cwd: '/tmp' });
    // The base image's own passwd, which the host's is not.
    expect(passwd).toBe('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n');
    await write('../../relative.txt', Readable.from(['up']), { cwd: '/tmp' });
    expect(await read('/relative.txt')).toBe('up');
  });

  it('replaces a file whole, keeping its permission bits, and writes through symbolic links', async () => {
    await write('/tmp/script.sh', Readable.from(['echo one\n']));
    await sh('chmod 750 /tmp/script.sh; ln -s /tmp/script.sh /tmp/link.sh');
    await write('/tmp/link.sh', Readable.from(['echo two\n']));
    expect(await sh('stat -c "%a %F" /tmp/script.sh /tmp/link.sh; /tmp/script.sh')).toBe('750 regular file\n777 symbolic link\ntwo\n');
  });

  it('leaves the target as it was, and no temporary file, when the content fails half-way', async () => {
    await write('/tmp/kept.txt', Readable.from(['original']));
    const failing = new Readable({ read: () => undefined });
    failing.push('partial content');
    setTimeout(() => failing.destroy(new Error('client went away')), 200);
    await expect(write('/tmp/kept.txt', failing)).rejects.toThrow('client went away');
    expect(await read('/tmp/kept.txt')).toBe('original');
    expect(await sh('ls -A /tmp | grep -c snapforge-upload')).toBe('0\n');
  });

  it("fails with the container's reason when the file cannot be written", async () => {
    await expect(write('/etc', Readable.from(['x']))).rejects.toMatchObject({ code: 'is-directory' });
    const denied = write('/root/secret.txt', Readable.from(['x']), { user: '65534' });
    await expect(denied).rejects.toBeInstanceOf(ContainerFileError);
    await expect(denied).rejects.toThrow(/Permission denied/);
    await sh('echo secret > /tmp/private; chmod 600 /tmp/private');
    await expect(stat('/tmp/private', { user: '65534' })).resolves.toMatchObject({ size: 7, readable: false });
  });
});

async function text(stream: Readable): Promise<string> {
  let result = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) result += chunk.toString();
  return result;
}

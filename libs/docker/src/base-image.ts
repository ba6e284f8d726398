import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { followProgress } from './docker-engine.js';
import { engineStatus } from './docker-errors.js';

/** The image every local build and test starts from: nothing can be pulled from public registries here. */
export const BASE_IMAGE = 'snapforge/busybox:latest';
export const BASE_IMAGE_LABEL = 'io.snapforge.base';

const BUSYBOX = '/bin/busybox';
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ImageMade {
  readonly id: string;
  /** False when the image was there already. */
  readonly created: boolean;
}

/**
 * Makes sure `ref` names a busybox image, `docker import`ing one from Debian's busybox-static when it
 * is absent. It takes seconds and needs no registry.
 */
export async function ensureBaseImage(docker: Docker, ref: string = BASE_IMAGE): Promise<ImageMade> {
  const existing = await imageId(docker, ref);
  if (existing) return { id: existing, created: false };
  const root = await mkdtemp(join(tmpdir(), 'snapforge-rootfs-'));
  try {
    await writeBusyboxRootfs(root);
    const { repo, tag } = splitReference(ref);
    const tar = spawn('tar', ['-C', root, '--numeric-owner', '--owner=0', '--group=0', '-c', '.'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tarErrors = '';
    tar.stderr.on('data', (chunk: Buffer) => (tarErrors += chunk.toString()));
    const tarDone = new Promise<void>((resolve, reject) => {
      tar.once('error', reject);
      tar.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar failed (${code}): ${tarErrors}`))));
    });
    const progress = await docker.importImage(tar.stdout, {
      repo,
      tag,
      message: 'Snapforge base image: Debian busybox-static',
      changes: ['CMD ["/bin/sh"]', `ENV PATH=${PATH}`, 'WORKDIR /', `LABEL ${BASE_IMAGE_LABEL}=busybox`],
    });
    await Promise.all([followProgress(docker, progress), tarDone]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const id = await imageId(docker, ref);
  if (!id) throw new Error(`docker import reported success but ${ref} is not there`);
  return { id, created: true };
}

export interface TestImageOptions {
  /** Size of the file of random bytes (`/payload`) added on top of the base; random, so it does not compress. */
  readonly extraBytes: number;
  /** Put on the image and on the short-lived container that makes it, e.g. the test label for sweeps. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly base?: string;
}

/**
 * Makes `ref` as the base image plus one layer holding `extraBytes` random bytes: images of a chosen
 * size for benchmarks and for size-limit tests. Replaces whatever `ref` named before.
 */
export async function makeTestImage(docker: Docker, ref: string, options: TestImageOptions): Promise<string> {
  const base = options.base ?? BASE_IMAGE;
  await ensureBaseImage(docker, base);
  const container = await docker.createContainer({
    Image: base,
    Cmd: ['/bin/sh', '-c', `head -c ${Math.floor(options.extraBytes)} /dev/urandom > /payload`],
    Labels: { ...options.labels },
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) throw new Error(`writing the payload of ${ref} failed with exit code ${StatusCode}`);
    const { repo, tag } = splitReference(ref);
    // A commit keeps the container's command: put the base image's shell back.
    const { Id } = (await container.commit({ repo, tag, changes: ['CMD ["/bin/sh"]'] })) as { Id: string };
    return Id;
  } finally {
    await container.remove({ force: true });
  }
}

/** `host:5000/name:tag` → repository `host:5000/name`, tag `tag` (`latest` when none is given). */
export function splitReference(ref: string): { repo: string; tag: string } {
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref, tag: 'latest' };
}

async function imageId(docker: Docker, ref: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(ref).inspect()).Id;
  } catch (error) {
    if (engineStatus(error) === 404) return undefined;
    throw error;
  }
}

async function writeBusyboxRootfs(root: string): Promise<void> {
  await assertStaticExecutable(BUSYBOX);
  const { stdout } = await promisify(execFile)(BUSYBOX, ['--list']);
  const applets = stdout.split('\n').filter((name) => name && name !== 'busybox');
  for (const dir of ['bin', 'etc', 'home', 'root', 'tmp', 'usr/bin']) await mkdir(join(root, dir), { recursive: true });
  await writeFile(join(root, 'bin/busybox'), await readFile(BUSYBOX), { mode: 0o755 });
  for (const applet of applets) await symlink('busybox', join(root, 'bin', applet));
  // Scripts starting with `#!/usr/bin/env sh` are common enough to deserve it.
  await symlink('/bin/busybox', join(root, 'usr/bin/env'));
  await writeFile(
    join(root, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n',
  );
  await writeFile(join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  // mkdtemp and the umask decide modes otherwise; an image's root must be world-readable.
  for (const [dir, mode] of [['.', 0o755], ['bin', 0o755], ['etc', 0o755], ['home', 0o755], ['usr', 0o755], ['usr/bin', 0o755], ['root', 0o700], ['tmp', 0o1777]] as const) {
    await chmod(join(root, dir), mode);
  }
  for (const file of ['etc/passwd', 'etc/group']) await chmod(join(root, file), 0o644);
}

/**
 * Debian's plain `busybox` package is dynamically linked and would give an image whose every command
 * fails with "no such file"; only `busybox-static` works in an image without a libc.
 */
async function assertStaticExecutable(path: string): Promise<void> {
  let elf: Buffer;
  try {
    elf = await readFile(path);
  } catch {
    throw new Error(`${path} is missing: install the Debian package busybox-static`);
  }
  const isElf64 = elf.length > 0x40 && elf.readUInt32BE(0) === 0x7f454c46 && elf[4] === 2;
  if (!isElf64) return;
  const PT_INTERP = 3;
  const headerOffset = Number(elf.readBigUInt64LE(0x20));
  const headerSize = elf.readUInt16LE(0x36);
  const headerCount = elf.readUInt16LE(0x38);
  for (let i = 0; i < headerCount; i++) {
    if (elf.readUInt32LE(headerOffset + i * headerSize) === PT_INTERP) {
      throw new Error(`${path} is dynamically linked: install the Debian package busybox-static instead of busybox`);
    }
  }
}

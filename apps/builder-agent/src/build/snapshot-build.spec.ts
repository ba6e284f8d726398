import type { BuildJob } from '@snapforge/contracts';
import type { ImageBuilder, ImageSummary, PullOptions, RegistryAuth } from '@snapforge/docker';
import { buildSnapshotImage } from './snapshot-build.js';

/** An in-memory ImageBuilder: the build's decisions are pure logic over the port. */
class FakeImages implements ImageBuilder {
  readonly pulls: { ref: string; auth?: RegistryAuth }[] = [];
  readonly pushed: string[] = [];
  constructor(
    private readonly images: Map<string, ImageSummary>,
    private readonly pullable: Map<string, ImageSummary> = new Map(),
    private readonly pullFailure?: string,
  ) {}
  async hasImage(ref: string) {
    return this.images.has(ref);
  }
  async pull(ref: string, options: PullOptions = {}) {
    this.pulls.push({ ref, ...(options.auth ? { auth: options.auth } : {}) });
    options.signal?.throwIfAborted();
    options.onProgress?.('layer: Pull complete');
    if (this.pullFailure) throw new Error(this.pullFailure);
    const image = this.pullable.get(ref);
    if (!image) throw new Error(`manifest for ${ref} not found`);
    this.images.set(ref, image);
  }
  async inspect(ref: string) {
    const image = this.images.get(ref);
    if (!image) throw new Error(`no such image ${ref}`);
    return image;
  }
  async relabel(source: string, target: string, labels: Record<string, string>) {
    const image = { ...(await this.inspect(source)), id: 'sha256:relabelled', labels };
    this.images.set(target, image);
    return image;
  }
  async push(ref: string) {
    this.pushed.push(ref);
    return `${ref.slice(0, ref.lastIndexOf(':'))}@sha256:pushed`;
  }
  async remove(ref: string) {
    this.images.delete(ref);
  }
}

const image: ImageSummary = { id: 'sha256:base', sizeBytes: 5_000, user: 'app', workingDir: '/srv', env: { PATH: '/bin', LANG: 'C' }, labels: {} };
const job: BuildJob = { snapshotId: 's1', workspaceId: 'w1', dockerImage: 'base:1', fsCapacityBytes: 10_000, buildTimeoutSeconds: 60 };

describe('buildSnapshotImage', () => {
  const lines: string[] = [];
  const context = (signal = new AbortController().signal) => ({ signal, log: (line: string) => lines.push(line) });

  beforeEach(() => lines.splice(0));

  it('uses an image already on the host without pulling, and resolves the run config over the image', async () => {
    const images = new FakeImages(new Map([['base:1', image]]));
    const result = await buildSnapshotImage(images, { ...job, runConfig: { user: 'root', envVars: { LANG: 'en_US.UTF-8' } } }, context());
    expect(images.pulls).toEqual([]);
    expect(result).toEqual({
      kind: 'built',
      imageRef: 'snapforge/snapshot:s1',
      imageDigest: 'sha256:relabelled',
      fsUsedBytes: 5_000,
      runConfig: { user: 'root', workDir: '/srv', envVars: { PATH: '/bin', LANG: 'en_US.UTF-8' } },
    });
    expect((await images.inspect('snapforge/snapshot:s1')).labels).toEqual({ 'io.snapforge.workspace-id': 'w1', 'io.snapforge.snapshot-id': 's1' });
    expect(lines).toContain('Using base:1, already on this host');
  });

  it('always pulls with the registry credentials when the job names a registry', async () => {
    const images = new FakeImages(new Map([['reg:5000/base:1', image]]), new Map([['reg:5000/base:1', image]]));
    const auth = { serveraddress: 'reg:5000', username: 'robot', password: 'pw' };
    const result = await buildSnapshotImage(images, { ...job, dockerImage: 'reg:5000/base:1', registryId: 'r1' }, { ...context(), auth: async () => auth });
    expect(result.kind).toBe('built');
    expect(images.pulls).toEqual([{ ref: 'reg:5000/base:1', auth }]);
    expect(lines).toContain('Pulling reg:5000/base:1 from reg:5000 as robot');
    expect(lines.join('\n')).not.toContain('pw');
  });

  it('publishes the snapshot image to the image registry and names it by digest, when one is configured', async () => {
    const images = new FakeImages(new Map([['base:1', image]]));
    const result = await buildSnapshotImage(images, job, { ...context(), publish: { host: 'registry:5000' } });
    expect(images.pushed).toEqual(['registry:5000/snapforge/snapshot:s1']);
    expect(result).toMatchObject({ kind: 'built', imageRef: 'registry:5000/snapforge/snapshot@sha256:pushed' });
  });

  it('fails an image larger than the capacity, naming both sizes, and leaves no snapshot image', async () => {
    const images = new FakeImages(new Map([['base:1', image]]));
    const result = await buildSnapshotImage(images, { ...job, fsCapacityBytes: 4_999 }, context());
    expect(result).toEqual({ kind: 'failed', reason: 'image base:1 is 5000 bytes, larger than fs_capacity_bytes 4999' });
    expect(await images.hasImage('snapforge/snapshot:s1')).toBe(false);
  });

  it('says which step failed and why', async () => {
    const result = await buildSnapshotImage(new FakeImages(new Map(), new Map(), 'unauthorized: authentication required'), job, context());
    expect(result).toEqual({ kind: 'failed', reason: 'pulling base:1 (it is not on this host) failed: unauthorized: authentication required' });
  });

  it('pulls while it is not yet known whose build it is, and tags nothing when it is not this agent\'s', async () => {
    const images = new FakeImages(new Map(), new Map([['base:1', image]]));
    const result = await buildSnapshotImage(images, job, { ...context(), claimed: Promise.resolve(false) });
    expect(result).toEqual({ kind: 'dropped' });
    expect(images.pulls).toEqual([{ ref: 'base:1' }]);
    expect(await images.hasImage('snapforge/snapshot:s1')).toBe(false);
  });

  it('drops a build whose pull was stopped because it is not this agent\'s, instead of calling it a time-out', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await buildSnapshotImage(new FakeImages(new Map(), new Map([['base:1', image]])), job, { ...context(controller.signal), claimed: Promise.resolve(false) });
    expect(result).toEqual({ kind: 'dropped' });
  });

  it('reports a time-out as such', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await buildSnapshotImage(new FakeImages(new Map(), new Map([['base:1', image]])), job, context(controller.signal));
    expect(result).toEqual({ kind: 'failed', reason: 'build timed out after 60 s while pulling base:1 (it is not on this host)' });
  });
});

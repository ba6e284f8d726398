import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { makeTestImage } from './base-image.js';
import { DockerodeImageBuilder } from './dockerode-image-builder.js';

describe('DockerodeImageBuilder.relabel', () => {
  const docker = new Docker();
  const images = new DockerodeImageBuilder(docker);
  const suffix = randomUUID().slice(0, 8);
  const source = `snapforge/relabel-source:${suffix}`;
  const target = `snapforge/relabel-target:${suffix}`;
  const containers: Docker.Container[] = [];

  // Not @snapforge/testing's useDocker(): the testing library depends on this one.
  beforeAll(async () => {
    await makeTestImage(docker, source, { extraBytes: 4096, labels: { 'io.snapforge.test': 'true', 'org.example.kept': 'yes' } });
  });

  afterAll(async () => {
    for (const container of containers) await container.remove({ force: true });
    for (const ref of [target, source]) await images.remove(ref);
  });

  it("makes a labelled copy that keeps the source's layers and config", async () => {
    const summary = await images.relabel(source, target, { 'io.snapforge.snapshot-id': 's-1', 'io.snapforge.workspace-id': 'w-1' });

    const [before, after] = await Promise.all([docker.getImage(source).inspect(), docker.getImage(target).inspect()]);
    expect(after.Id).not.toBe(before.Id);
    expect(summary).toEqual(await images.inspect(target));
    expect(summary).toMatchObject({ id: after.Id, sizeBytes: before.Size });
    expect(after.RepoTags).toContain(target);
    expect(after.RootFS.Layers).toEqual(before.RootFS.Layers);
    expect(after.Config.Labels).toEqual({
      ...before.Config.Labels,
      'io.snapforge.snapshot-id': 's-1',
      'io.snapforge.workspace-id': 'w-1',
    });
    const { Labels: _labels, ...config } = after.Config;
    const { Labels: _sourceLabels, ...sourceConfig } = before.Config;
    expect(config).toEqual(sourceConfig);
    expect([after.Os, after.Architecture]).toEqual([before.Os, before.Architecture]);
  });

  it('makes an image that boots with the source\'s files', async () => {
    const container = await docker.createContainer({ Image: target, Cmd: ['sh', '-c', 'wc -c < /payload'], HostConfig: { NetworkMode: 'none' } });
    containers.push(container);
    await container.start();
    await container.wait();
    const logs = (await container.logs({ stdout: true, stderr: true })).toString();
    expect(logs).toContain('4096');
  });

  it('fails naming the source when it is not on the host', async () => {
    await expect(images.relabel(`snapforge/absent:${suffix}`, `snapforge/never:${suffix}`, {})).rejects.toThrow(/absent/);
  });
});

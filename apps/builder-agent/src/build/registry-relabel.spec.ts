import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DockerodeImageBuilder, makeTestImage } from '@snapforge/docker';
import { pushToRegistry, startRegistry, TEST_LABELS, useDocker, type RegistryHandle } from '@snapforge/testing';

describe('relabelling an image just pulled from a registry', () => {
  const docker = useDocker();
  const suffix = randomUUID().slice(0, 8);
  const target = `snapforge/snapshot:relabel-spec-${suffix}`;
  let registry: RegistryHandle;
  let remoteRef: string;

  beforeAll(async () => {
    registry = await startRegistry();
    const localRef = `snapforge/relabel-spec:${suffix}`;
    docker.track(docker.docker.getImage(await makeTestImage(docker.docker, localRef, { extraBytes: 4096, labels: TEST_LABELS })));
    remoteRef = await pushToRegistry(docker.docker, registry, localRef, `spec/relabel:${suffix}`);
  });

  afterAll(async () => {
    for (const ref of [target, remoteRef]) await docker.docker.getImage(ref).remove({ force: true }).catch(() => undefined);
    await registry?.stop();
  });

  it("pulls the labelled copy from a loopback registry instead of loading it: the source's layers and config, the labels added", async () => {
    const images = new DockerodeImageBuilder(docker.docker);
    const load = jest.spyOn(docker.docker, 'loadImage');
    try {
      await images.pull(remoteRef, { auth: { serveraddress: registry.url, username: registry.username, password: registry.password }, relabelNext: true });
      const summary = await images.relabel(remoteRef, target, { 'io.snapforge.snapshot-id': 's-1' });

      expect(load).not.toHaveBeenCalled();
      const [source, copy] = await Promise.all([docker.docker.getImage(remoteRef).inspect(), docker.docker.getImage(target).inspect()]);
      expect(summary).toEqual(await images.inspect(target));
      expect(copy.RootFS.Layers).toEqual(source.RootFS.Layers);
      expect(copy.Config.Labels).toEqual({ ...source.Config.Labels, 'io.snapforge.snapshot-id': 's-1' });
      expect(copy.RepoTags).toEqual([target]);
      // The loopback registry's names for it are gone with the registry.
      expect(copy.RepoDigests).toEqual([]);
    } finally {
      load.mockRestore();
    }
  });
});

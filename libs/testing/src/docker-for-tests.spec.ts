import { randomBytes } from 'node:crypto';
import { makeTestImage } from '@snapforge/docker';
import { dockerForTests, sweepTestResources, TEST_LABELS, useDocker } from './docker-for-tests.js';
import { TEST_LABEL } from './test-resources.js';

const unique = () => randomBytes(4).toString('hex');

async function exists(inspect: () => Promise<unknown>): Promise<boolean> {
  try {
    await inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

describe('dockerForTests', () => {
  it('answers with the base image present and removes what was tracked, containers before their images', async () => {
    const env = await dockerForTests();
    const { docker } = env;
    expect(await exists(() => docker.getImage(env.baseImage).inspect())).toBe(true);

    const ref = `snapforge-spec/tracked:${unique()}`;
    const image = env.track(docker.getImage(ref));
    await makeTestImage(docker, ref, { extraBytes: 1024, labels: TEST_LABELS });
    // A container of the image would block the image's removal if it went second.
    const container = env.track(await docker.createContainer({ Image: ref, Labels: TEST_LABELS, HostConfig: { NetworkMode: 'none' } }));

    await env.cleanup();
    expect(await exists(() => container.inspect())).toBe(false);
    expect(await exists(() => image.inspect())).toBe(false);

    const again = env.track(await docker.createContainer({ Image: env.baseImage, Labels: TEST_LABELS, HostConfig: { NetworkMode: 'none' } }));
    await env.cleanup();
    expect(await exists(() => again.inspect())).toBe(false);
  });
});

describe('useDocker', () => {
  let containerId = '';

  describe('inside', () => {
    const env = useDocker();

    it('gives the client inside tests and removes what was tracked after the block', async () => {
      const container = env.track(
        await env.docker.createContainer({ Image: env.baseImage, Labels: TEST_LABELS, HostConfig: { NetworkMode: 'none' } }),
      );
      containerId = container.id;
      expect(containerId).not.toBe('');
    });
  });

  afterAll(async () => {
    const { docker } = await dockerForTests();
    expect(await exists(() => docker.getContainer(containerId).inspect())).toBe(false);
  });
});

describe('sweepTestResources', () => {
  it('removes labelled containers first, then labelled images', async () => {
    const { docker, baseImage } = await dockerForTests();
    const value = `sweep-${unique()}`;
    const labels = { [TEST_LABEL]: value };
    const ref = `snapforge-spec/swept:${unique()}`;
    await makeTestImage(docker, ref, { extraBytes: 1024, labels });
    const onImage = await docker.createContainer({ Image: ref, Labels: labels, HostConfig: { NetworkMode: 'none' } });
    const onBase = await docker.createContainer({ Image: baseImage, Labels: labels, HostConfig: { NetworkMode: 'none' } });

    await expect(sweepTestResources(docker, value)).resolves.toEqual({ containers: 2, images: 1 });
    expect(await exists(() => onImage.inspect())).toBe(false);
    expect(await exists(() => onBase.inspect())).toBe(false);
    expect(await exists(() => docker.getImage(ref).inspect())).toBe(false);
    expect(await exists(() => docker.getImage(baseImage).inspect())).toBe(true);
  });
});

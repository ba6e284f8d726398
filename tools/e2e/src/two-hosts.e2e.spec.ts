import { SandboxClient } from 'langsmith/sandbox';
import {
  dockerForTests,
  freePort,
  startExtraDockerEngine,
  startRegistry,
  startServiceStack,
  type DockerForTests,
  type ExtraDockerEngine,
  type RegistryHandle,
  type ServiceStack,
} from '@snapforge/testing';

/**
 * Two Docker hosts: the builder agent on host A builds, the only launcher runs on host B, and the
 * snapshot image travels through the image registry, pulled on B by digest.
 */
describe('a snapshot built on host A boots on host B', () => {
  let docker: DockerForTests;
  let hostB: ExtraDockerEngine;
  let registry: RegistryHandle;
  let stack: ServiceStack;
  let client: SandboxClient;

  beforeAll(async () => {
    docker = await dockerForTests();
    hostB = await startExtraDockerEngine('host-b');
    registry = await startRegistry();
    stack = await startServiceStack({
      services: ['api-gateway', 'snapshot-orchestrator', 'builder-agent', 'profile-service', 'scheduler'],
      env: {
        SNAPFORGE_IMAGE_REGISTRY: registry.url,
        SNAPFORGE_IMAGE_REGISTRY_USERNAME: registry.username,
        SNAPFORGE_IMAGE_REGISTRY_PASSWORD: registry.password,
      },
    });
    await stack.startService(
      'sandbox-launcher',
      { DOCKER_HOST: hostB.dockerHost, SNAPFORGE_HOST_ID: 'host-b', SNAPFORGE_DATAPLANE_PORT: String(await freePort()) },
      'launcher-b',
    );
    const { apiKey } = await stack.createWorkspace('two-hosts');
    client = new SandboxClient({ apiEndpoint: `${stack.url}/v2/sandboxes`, apiKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await stack?.stop();
    await hostB?.stop();
    await registry?.stop();
    await docker?.cleanup();
  });

  it('pulls the image by digest on host B and runs the box there', async () => {
    const snapshot = await client.createSnapshot('built-on-a', docker.baseImage, 1024 ** 3, { timeout: 120 });
    await expect(hostB.docker.getImage(docker.baseImage).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const box = await waitForLauncher(() => client.createSandbox(snapshot.id, { timeout: 120 }));
    expect(box.status).toBe('ready');
    const onB = await hostB.docker.getContainer(`snapforge-sandbox-${box.id}`).inspect();
    expect(onB.State.Running).toBe(true);
    expect(onB.Config.Image).toMatch(new RegExp(`^${registry.url}/snapforge/snapshot@sha256:[0-9a-f]{64}$`));
    await expect(docker.docker.getContainer(`snapforge-sandbox-${box.id}`).inspect()).rejects.toMatchObject({ statusCode: 404 });

    await client.deleteSandbox(box.name);
    await expect(hostB.docker.getContainer(`snapforge-sandbox-${box.id}`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

/** The launcher registers a moment after it starts: until then placement finds no host (503). */
async function waitForLauncher<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline || !String(error).includes('no sandbox launcher')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

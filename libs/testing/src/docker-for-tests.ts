import Docker from 'dockerode';
import { BASE_IMAGE, ensureBaseImage, ensureDockerEngine } from '@snapforge/docker';
import { onCleanup, TEST_LABEL } from './test-resources.js';

/** Spread into the `Labels` of every container and image a test creates, so sweeps find leftovers. */
export const TEST_LABELS: Readonly<Record<string, string>> = { [TEST_LABEL]: 'true' };

export interface DockerForTests {
  readonly docker: Docker;
  /** `snapforge/busybox:latest`, present by the time the handle exists. */
  readonly baseImage: string;
  /** Removes the container or image at cleanup, even when the test failed; returns it for chaining. */
  track<T extends Docker.Container | Docker.Image>(resource: T): T;
  /** Removes what was tracked (containers first, then images); the handle stays usable. */
  cleanup(): Promise<void>;
}

/** A Docker Engine (started when none answers) with the base image, and cleanup of what a test makes. */
export async function dockerForTests(): Promise<DockerForTests> {
  await ensureDockerEngine();
  const docker = new Docker();
  await ensureBaseImage(docker);
  const containers = new Set<Docker.Container>();
  const images = new Set<Docker.Image>();
  const cleanup = async () => {
    const removals = [
      ...takeAll(containers).map((container) => () => container.remove({ force: true, v: true })),
      // Newest first: an image made on top of another tracked one must go before its parent.
      ...takeAll(images)
        .reverse()
        .map((image) => () => image.remove({ force: true })),
    ];
    await removeAll(removals);
  };
  let release: (() => Promise<void>) | undefined;
  return {
    docker,
    baseImage: BASE_IMAGE,
    track(resource) {
      if (resource instanceof Docker.Container) containers.add(resource);
      else images.add(resource);
      release ??= onCleanup(cleanup);
      return resource;
    },
    async cleanup() {
      const pending = release;
      release = undefined;
      await pending?.();
    },
  };
}

/**
 * `dockerForTests()` bound to the enclosing `describe`: ready in `beforeAll`, cleaned up in `afterAll`.
 * Its members may only be used inside tests and hooks.
 */
export function useDocker(): DockerForTests {
  let handle: DockerForTests | undefined;
  beforeAll(async () => {
    handle = await dockerForTests();
  }, 120_000);
  afterAll(async () => {
    await handle?.cleanup();
  });
  const ready = (): DockerForTests => {
    if (!handle) throw new Error('useDocker(): the handle is ready only inside tests and hooks, after beforeAll');
    return handle;
  };
  return {
    get docker() {
      return ready().docker;
    },
    baseImage: BASE_IMAGE,
    track: (resource) => ready().track(resource),
    cleanup: () => ready().cleanup(),
  };
}

/**
 * Removes every container and then every image labelled as made by a test (with that label value,
 * when given), whoever made it: without a value, run it only when no test is running.
 */
export async function sweepTestResources(docker: Docker, value?: string): Promise<{ containers: number; images: number }> {
  const filters = JSON.stringify({ label: [value === undefined ? TEST_LABEL : `${TEST_LABEL}=${value}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await removeAll(containers.map(({ Id }) => () => docker.getContainer(Id).remove({ force: true, v: true })));
  const images = await docker.listImages({ filters });
  await removeAll(images.map(({ Id }) => () => docker.getImage(Id).remove({ force: true })));
  return { containers: containers.length, images: images.length };
}

function takeAll<T>(set: Set<T>): T[] {
  const items = [...set];
  set.clear();
  return items;
}

/** Runs the removals in order, all of them even when some fail; what is already gone is no failure. */
async function removeAll(removals: Array<() => Promise<unknown>>): Promise<void> {
  const failures: unknown[] = [];
  for (const remove of removals) {
    try {
      await remove();
    } catch (error) {
      const { statusCode, message } = error as { statusCode?: number; message?: string };
      const gone = statusCode === 404 || (statusCode === 409 && /already in progress/.test(message ?? ''));
      if (!gone) failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} Docker resource(s) could not be removed`);
}

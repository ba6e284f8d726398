import type Docker from 'dockerode';

const POLL_MS = 20;

/**
 * Resolves once no container carries `label` (`key=value`): work a service finishes in the background
 * (the builder agent removing a one-off container) must not spill into the next run, whichever
 * series that run belongs to.
 */
export async function containersGone(docker: Docker, label: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await docker.listContainers({ all: true, filters: { label: [label] } })).length > 0) {
    if (Date.now() > deadline) throw new Error(`containers labelled ${label} were still there after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

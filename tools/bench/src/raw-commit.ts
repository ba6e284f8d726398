import type Docker from 'dockerode';
import { splitReference } from '@snapforge/docker';

/**
 * The builder agent's relabel step as plain engine calls: an unstarted container of `source`,
 * committed with labels as `target`, then removed; and the inspect of the result. A series timed
 * with it tells the engine's share of a snapshot build from what the services add.
 */
export async function commitWithLabels(docker: Docker, source: string, target: string, labels: Readonly<Record<string, string>>): Promise<void> {
  const container = await docker.createContainer({ Image: source, Labels: { ...labels }, NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } });
  try {
    await container.commit({ ...splitReference(target), pause: false });
  } finally {
    await container.remove({ force: true });
  }
  await docker.getImage(target).inspect();
}

import type Docker from 'dockerode';
import { engineStatus, oneOffContainersRemoved } from '@snapforge/docker';
import { removeImage } from './image-removal.js';

/**
 * Removes the containers carrying `label` (`key=value`), with their anonymous volumes, then the
 * images carrying it: what a raw series made, found without keeping track of each run's ids, also
 * when a run was interrupted half-way. Containers first: an image still used by one cannot go.
 */
export async function removeLabelled(docker: Docker, label: string): Promise<void> {
  // buildWithSetupScript removes its one-off container in the background after a success.
  await oneOffContainersRemoved();
  const filters = { label: [label] };
  for (const { Id } of await docker.listContainers({ all: true, filters })) {
    try {
      await docker.getContainer(Id).remove({ force: true, v: true });
    } catch (error) {
      if (engineStatus(error) !== 404) throw error;
    }
  }
  for (const { Id } of await docker.listImages({ filters })) await removeImage(docker, Id);
}

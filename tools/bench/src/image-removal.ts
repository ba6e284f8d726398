import type Docker from 'dockerode';

/** Set by the builder agent on every snapshot image (it is how the service stack finds them, too). */
const WORKSPACE_LABEL = 'io.snapforge.workspace-id';

/**
 * Removes the workspace's snapshot images. They are made on top of the image they come from, so
 * its layers stay on the host until they are gone.
 */
export async function removeSnapshotImages(docker: Docker, workspaceId: string): Promise<void> {
  const images = await docker.listImages({ filters: { label: [`${WORKSPACE_LABEL}=${workspaceId}`] } });
  for (const { Id } of images) await removeImage(docker, Id);
}

/** Removes an image with all its tags (given by id) or one tag (given by reference); gone already is fine. */
export async function removeImage(docker: Docker, idOrRef: string): Promise<void> {
  try {
    await docker.getImage(idOrRef).remove({ force: true });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}

export async function hasImage(docker: Docker, idOrRef: string): Promise<boolean> {
  try {
    await docker.getImage(idOrRef).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

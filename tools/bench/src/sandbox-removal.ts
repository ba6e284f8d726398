import type Docker from 'dockerode';
import { SANDBOX_LABELS, SandboxContainers } from '@snapforge/docker';

/**
 * Removes every sandbox container of the workspace, with its /tmp volume: the boxes' and the raw
 * series' alike, since both carry the workspace's label. The service stack does not remove them when
 * it stops, and its snapshot images cannot go while a container still uses them.
 */
export async function removeWorkspaceSandboxes(docker: Docker, workspaceId: string): Promise<void> {
  const containers = new SandboxContainers(docker);
  const found = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABELS.workspace}=${workspaceId}`] } });
  for (const { Labels } of found) {
    const sandboxId = Labels[SANDBOX_LABELS.sandbox];
    if (sandboxId) await containers.remove(sandboxId);
  }
}

import type { LauncherRegistration } from '@snapforge/contracts';

/**
 * Picks the host for a new sandbox: among launchers with room, one that already holds the image
 * (no pull, fastest boot), then the least loaded; ties by host id so the choice is stable.
 */
export function placeSandbox(launchers: readonly LauncherRegistration[], imageDigest: string): LauncherRegistration | undefined {
  const withRoom = launchers.filter((launcher) => launcher.sandboxes < launcher.capacity);
  return [...withRoom].sort(
    (a, b) =>
      Number(b.images.includes(imageDigest)) - Number(a.images.includes(imageDigest)) ||
      a.sandboxes / Math.max(1, a.capacity) - b.sandboxes / Math.max(1, b.capacity) ||
      a.hostId.localeCompare(b.hostId),
  )[0];
}

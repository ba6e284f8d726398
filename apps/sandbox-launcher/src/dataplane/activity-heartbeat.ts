import type { DataPlaneSandboxes } from './dataplane-deps.js';

/**
 * Reports activity on a sandbox every `intervalMs` until the returned function is called: a long
 * command or transfer is no idle sandbox, even without new requests.
 */
export function keepSandboxActive(sandboxes: DataPlaneSandboxes, sandboxId: string, intervalMs: number): () => void {
  const timer = setInterval(() => sandboxes.onActivity(sandboxId), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

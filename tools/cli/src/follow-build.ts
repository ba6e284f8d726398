import { setTimeout as delay } from 'node:timers/promises';
import { errorMessage } from './cli-error.js';
import type { GatewayClient } from './gateway-client.js';
import { snapshotOutputPath, snapshotPath, type SnapshotResource } from './snapshot-resource.js';

export interface BuildWatcher {
  onOutput(line: string): void;
  /** The output could not be read; the build goes on regardless, and is still waited for. */
  onOutputLost(reason: string): void;
}

const POLL_MS = 500;
/**
 * How long the output may go on once the status has settled. The builder ends its output before it
 * reports, so this is mostly no wait; a build failed from outside the builder (a time-out, a build
 * no agent took) has no end marker, and its output would otherwise be followed forever.
 */
const OUTPUT_DRAIN_MS = 3_000;

/**
 * Follows a building snapshot until it is ready or failed: its output live, as it arrives, while its
 * status is polled; the status decides when the build is over.
 */
export async function followBuild(gateway: GatewayClient, snapshot: SnapshotResource, watcher: BuildWatcher): Promise<SnapshotResource> {
  if (snapshot.status !== 'building') return snapshot;
  const abort = new AbortController();
  const output = (async () => {
    for await (const line of gateway.lines(snapshotOutputPath(snapshot.id, true), abort.signal)) watcher.onOutput(line);
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) watcher.onOutputLost(errorMessage(error));
  });
  try {
    const settled = await pollUntilSettled(gateway, snapshot.id);
    await Promise.race([output, delay(OUTPUT_DRAIN_MS, undefined, { ref: false })]);
    return settled;
  } finally {
    abort.abort();
    await output;
  }
}

async function pollUntilSettled(gateway: GatewayClient, id: string): Promise<SnapshotResource> {
  for (;;) {
    const snapshot = await gateway.get<SnapshotResource>(snapshotPath(id));
    if (snapshot.status !== 'building') return snapshot;
    await delay(POLL_MS);
  }
}

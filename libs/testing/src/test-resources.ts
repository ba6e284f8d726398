import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Label put on every container and image a test creates, so a sweep can find leftovers. */
export const TEST_LABEL = 'io.snapforge.test';

type Cleanup = () => Promise<void> | void;
const cleanups = new Set<Cleanup>();
let hooked = false;

/**
 * Registers a cleanup that runs when the caller calls it, or at the latest when the process exits:
 * a test that fails half-way still leaves nothing behind.
 */
export function onCleanup(cleanup: Cleanup): () => Promise<void> {
  cleanups.add(cleanup);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const pending of cleanups) {
        try {
          void pending();
        } catch {
          // exiting anyway: nothing else can be done here
        }
      }
    });
  }
  return async () => {
    if (!cleanups.delete(cleanup)) return;
    await cleanup();
  };
}

/** A fresh temporary directory, removed by the returned function. */
export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `snapforge-${prefix}-`));
  const remove = onCleanup(() => rm(path, { recursive: true, force: true }));
  return { path, remove };
}

import { join, resolve } from 'node:path';

/** The shell scripts run everything from the workspace root. */
export const workspaceRoot = resolve('.');

/** State of local runs: keys, logs, the NATS store, test reports. Never committed. */
export const dataDir = join(workspaceRoot, '.snapforge');

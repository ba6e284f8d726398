import type { SandboxStatus } from './sandbox-status.js';

/** What the sandbox decider needs to decide; the full picture lives in the projection. */
export type SandboxState =
  | { status: 'none' }
  | {
      status: SandboxStatus | 'deleted';
      sandboxId: string;
      workspaceId: string;
      name: string;
      snapshotId: string;
      /** Set once a launcher reported the sandbox ready, so that a repeated report can be recognised. */
      containerId?: string;
      idleTtlSeconds: number;
      deleteAfterStopSeconds: number;
      version: number;
    };

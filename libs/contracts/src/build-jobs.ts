import type { SnapshotRunConfig } from '@snapforge/domain';
import { positiveInt } from './env-number.js';

/** A build job on the work queue: everything a builder agent needs, no secrets (it fetches those). */
export interface BuildJob {
  snapshotId: string;
  workspaceId: string;
  dockerImage: string;
  registryId?: string;
  fsCapacityBytes: number;
  runConfig?: SnapshotRunConfig;
  buildTimeoutSeconds: number;
}

/** The JetStream work queue that carries build jobs to builder agents. */
export const BUILD_QUEUE = {
  stream: 'SNAPFORGE_BUILD_JOBS',
  subject: 'snapforge.jobs.build',
  durable: 'builder-agents',
} as const;

/** Build output: one subject per snapshot in a stream with age and size limits. */
export const BUILD_OUTPUT = {
  stream: 'SNAPFORGE_BUILD_OUTPUT',
  subjectPrefix: 'snapforge.build-output',
  /** Header on the last message of a build's output: followers stop there. */
  endHeader: 'Snapforge-Output-End',
} as const;

export function buildOutputSubject(snapshotId: string): string {
  return `${BUILD_OUTPUT.subjectPrefix}.${snapshotId}`;
}

/** Work-queue timing, overridable so that tests see an abandoned job move on in seconds. */
export function buildQueueConfig(env: NodeJS.ProcessEnv = process.env) {
  return {
    ...BUILD_QUEUE,
    // A live agent heartbeats every third of this; a dead one loses its job after it.
    ackWaitMs: positiveInt(env.SNAPFORGE_BUILD_ACK_WAIT_MS, 30_000),
    maxDeliver: positiveInt(env.SNAPFORGE_BUILD_MAX_DELIVER, 3),
  };
}

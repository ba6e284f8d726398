import type { SnapshotRunConfig } from '@snapforge/domain';
import { positiveInt } from './env-number.js';
import { rpc } from './rpc.js';

/** A profile version's snapshot build: the setup script on the base image, on a builder agent. */
export interface ProfileBuildJob {
  jobId: string;
  profileId: string;
  workspaceId: string;
  version: number;
  baseImage: string;
  registryId?: string;
  setupScript: string;
  runConfig?: SnapshotRunConfig;
  vcpus?: number;
  memBytes?: number;
  fsCapacityBytes?: number;
  timeoutSeconds: number;
}

export const PROFILE_BUILD_QUEUE = {
  stream: 'SNAPFORGE_PROFILE_JOBS',
  subject: 'snapforge.jobs.profile-build',
  durable: 'builder-agents-profiles',
} as const;

export function profileBuildQueueConfig(env: NodeJS.ProcessEnv = process.env) {
  return {
    ...PROFILE_BUILD_QUEUE,
    ackWaitMs: positiveInt(env.SNAPFORGE_BUILD_ACK_WAIT_MS, 30_000),
    maxDeliver: positiveInt(env.SNAPFORGE_BUILD_MAX_DELIVER, 3),
  };
}

/** What a builder agent reports about a profile build. */
interface ProfileJobIds {
  jobId: string;
  profileId: string;
  workspaceId: string;
  version: number;
}

export type ProfileBuildReport = ProfileJobIds &
  (
    | { kind: 'started'; agentId: string; attempt: number }
    | { kind: 'succeeded'; imageRef: string; imageDigest: string; sizeBytes: number; runConfig: SnapshotRunConfig }
    | { kind: 'failed'; errorCode: string; errorMessage: string }
  );

export const profileJobRpc = {
  /** `proceed: false`: drop the job (it was settled already). */
  report: rpc<ProfileBuildReport, { proceed: boolean }>('snapshot-orchestrator', 'profile-job.report'),
};

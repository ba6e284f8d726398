import type { SnapshotListPage, SnapshotRunConfig, SnapshotView } from '@snapforge/domain';
import { rpc } from './rpc.js';

export interface CreateSnapshotRequest {
  workspaceId: string;
  name: string;
  dockerImage: string;
  registryId?: string;
  fsCapacityBytes: number;
  runConfig?: SnapshotRunConfig;
  /** Absent: the orchestrator's default (SNAPFORGE_BUILD_TIMEOUT_SECONDS, 10 minutes). */
  buildTimeoutSeconds?: number;
  createdBy?: string;
  /** The client's `Idempotency-Key`: a retry with the same key answers with the same snapshot. */
  idempotencyKey?: string;
}

export interface SnapshotRef {
  workspaceId: string;
  snapshotId: string;
}

export interface ListSnapshotsRequest {
  workspaceId: string;
  nameContains?: string;
  limit: number;
  offset: number;
}

/** What a builder agent tells the orchestrator about a build. */
export type BuildReport =
  | { snapshotId: string; kind: 'started'; agentId: string; attempt: number }
  | {
      snapshotId: string;
      kind: 'built';
      imageRef: string;
      imageDigest: string;
      fsUsedBytes: number;
      runConfig: SnapshotRunConfig;
    }
  | { snapshotId: string; kind: 'failed'; reason: string };

/** `proceed: false` tells the agent to drop the job: the snapshot was deleted or already settled. */
export interface BuildReportReply {
  proceed: boolean;
}

export const snapshotRpc = {
  create: rpc<CreateSnapshotRequest, SnapshotView>('snapshot-orchestrator', 'snapshot.create'),
  get: rpc<SnapshotRef, SnapshotView>('snapshot-orchestrator', 'snapshot.get'),
  getByName: rpc<{ workspaceId: string; name: string }, SnapshotView>('snapshot-orchestrator', 'snapshot.get-by-name'),
  list: rpc<ListSnapshotsRequest, SnapshotListPage>('snapshot-orchestrator', 'snapshot.list'),
  delete: rpc<SnapshotRef, { deleted: true }>('snapshot-orchestrator', 'snapshot.delete'),
  reportBuild: rpc<BuildReport, BuildReportReply>('snapshot-orchestrator', 'snapshot.report-build'),
};

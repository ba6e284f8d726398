import type { SandboxListPage, SandboxView, SnapshotRunConfig, SnapshotView } from '@snapforge/domain';
import { rpc } from './rpc.js';

export interface CreateSandboxRequest {
  workspaceId: string;
  name?: string;
  /** At most one of the two; neither boots the server's default snapshot. */
  snapshotId?: string;
  snapshotName?: string;
  vcpus?: number;
  memBytes?: number;
  fsCapacityBytes?: number;
  runConfig?: SnapshotRunConfig;
  idleTtlSeconds?: number;
  deleteAfterStopSeconds?: number;
  createdBy?: string;
  idempotencyKey?: string;
}

export interface SandboxRef {
  workspaceId: string;
  /** The LangSmith API addresses boxes by name; ids work too. */
  idOrName: string;
}

export interface GetSandboxRequest extends SandboxRef {
  /** Long poll: while the box is provisioning, answer when it settles or after this many seconds. */
  waitSeconds?: number;
}

export interface ListSandboxesRequest {
  workspaceId: string;
  nameContains?: string;
  limit: number;
  offset: number;
}

export interface UpdateSandboxRequest extends SandboxRef {
  name?: string;
  idleTtlSeconds?: number;
  deleteAfterStopSeconds?: number;
}

export interface CaptureSandboxRequest extends SandboxRef {
  name: string;
  fsCapacityBytes?: number;
  runConfig?: SnapshotRunConfig;
  createdBy?: string;
}

export const sandboxRpc = {
  create: rpc<CreateSandboxRequest, SandboxView>('snapshot-orchestrator', 'sandbox.create'),
  get: rpc<GetSandboxRequest, SandboxView>('snapshot-orchestrator', 'sandbox.get'),
  list: rpc<ListSandboxesRequest, SandboxListPage>('snapshot-orchestrator', 'sandbox.list'),
  update: rpc<UpdateSandboxRequest, SandboxView>('snapshot-orchestrator', 'sandbox.update'),
  delete: rpc<SandboxRef, { deleted: true }>('snapshot-orchestrator', 'sandbox.delete'),
  stop: rpc<SandboxRef & { reason?: 'user' | 'idle' }, SandboxView>('snapshot-orchestrator', 'sandbox.stop'),
  start: rpc<SandboxRef, SandboxView>('snapshot-orchestrator', 'sandbox.start'),
  capture: rpc<CaptureSandboxRequest, SnapshotView>('snapshot-orchestrator', 'sandbox.capture'),
};

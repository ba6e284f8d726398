import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  launcherRpc,
  SYSTEM_WORKSPACE_ID,
  type CaptureSandboxRequest,
  type CreateSandboxRequest,
  type GetSandboxRequest,
  type ListSandboxesRequest,
  type SandboxRef,
  type UpdateSandboxRequest,
} from '@snapforge/contracts';
import {
  DomainError,
  isDomainError,
  layerRunConfig,
  SandboxErrorCode,
  sandboxDecider,
  sandboxNameDecider,
  sandboxNameStreamName,
  sandboxStreamName,
  SnapshotErrorCode,
  snapshotDecider,
  snapshotStreamName,
  type SandboxListPage,
  type SandboxStopReason,
  type SandboxView,
  type SnapshotView,
} from '@snapforge/domain';
import { deterministicUuid, EVENT_STORE, handleCommand, type EventStore } from '@snapforge/event-store';
import { RpcClient } from '@snapforge/messaging';
import { SnapshotsService } from '../snapshots/snapshots.service.js';
import { DefaultSnapshot } from './default-snapshot.service.js';
import { LauncherDirectory } from './launcher-directory.service.js';
import { placeSandbox } from './placement.js';
import { SandboxProjection } from './sandbox-projection.service.js';
import { SandboxProvisioner } from './sandbox-provisioner.service.js';

const DEFAULT_IDLE_TTL_SECONDS = 600;
const DEFAULT_DELETE_AFTER_STOP_SECONDS = 14 * 24 * 3600;
const HOST_CALL_TIMEOUT_MS = 60_000;

/**
 * Sandboxes: every change is an event on the sandbox's stream; the container work happens on the
 * host that placement chose, through its launcher. A sandbox holds a reference on its snapshot's
 * stream, so a snapshot delete and a box creation cannot both win.
 */
@Injectable()
export class SandboxesService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rpc: RpcClient,
    private readonly projection: SandboxProjection,
    private readonly provisioner: SandboxProvisioner,
    private readonly launchers: LauncherDirectory,
    private readonly snapshots: SnapshotsService,
    private readonly defaultSnapshot: DefaultSnapshot,
  ) {}

  async create(request: CreateSandboxRequest): Promise<SandboxView> {
    const { workspaceId, idempotencyKey } = request;
    const sandboxId = idempotencyKey ? deterministicUuid(`sandbox:${workspaceId}:${idempotencyKey}`) : randomUUID();
    const original = this.projection.model.get(workspaceId, sandboxId);
    if (original) return original;

    const snapshot = await this.bootSnapshot(request);
    const launcher = placeSandbox(await this.launchers.live(), snapshot.imageDigest ?? '');
    if (!launcher) throw new DomainError('SANDBOX_UNSCHEDULABLE', 'no sandbox launcher with free capacity is running');
    const at = new Date().toISOString();
    const name = request.name ?? `sandbox-${randomBytes(4).toString('hex')}`;
    const command = {
      type: 'CreateSandbox' as const,
      data: {
        sandboxId,
        workspaceId,
        name,
        snapshotId: snapshot.id,
        hostId: launcher.hostId,
        imageRef: snapshot.imageRef ?? '',
        ...(request.vcpus !== undefined ? { vcpus: request.vcpus } : {}),
        ...(request.memBytes !== undefined ? { memBytes: request.memBytes } : {}),
        ...(request.fsCapacityBytes !== undefined ? { fsCapacityBytes: request.fsCapacityBytes } : {}),
        runConfig: layerRunConfig(snapshot.runConfig, request.runConfig),
        idleTtlSeconds: request.idleTtlSeconds ?? DEFAULT_IDLE_TTL_SECONDS,
        deleteAfterStopSeconds: request.deleteAfterStopSeconds ?? DEFAULT_DELETE_AFTER_STOP_SECONDS,
        ...(request.createdBy ? { createdBy: request.createdBy } : {}),
        at,
      },
    };
    // Refuse bad input before anything is reserved or referenced.
    sandboxDecider.decide(command, sandboxDecider.initialState());
    await handleCommand(
      this.store,
      sandboxNameDecider,
      sandboxNameStreamName(workspaceId, name),
      { type: 'ReserveSandboxName', data: { workspaceId, name, sandboxId, at } },
      { expectNew: true },
    );
    try {
      await handleCommand(this.store, snapshotDecider, snapshotStreamName(snapshot.id), { type: 'ReferenceSnapshot', data: { sandboxId, at } });
      const outcome = await handleCommand(this.store, sandboxDecider, sandboxStreamName(sandboxId), command, {
        expectNew: true,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      });
      await this.projection.waitFor(outcome.position);
    } catch (error) {
      // Nothing may hold the name or the snapshot for a box that does not exist.
      await this.releaseNameAndReference(workspaceId, name, snapshot.id, sandboxId, at);
      throw error;
    }
    const view = this.view({ workspaceId, idOrName: sandboxId });
    void this.provisioner.provision(view);
    return view;
  }

  async get(request: GetSandboxRequest): Promise<SandboxView> {
    const view = this.view(request);
    if (view.status === 'provisioning' && request.waitSeconds) {
      await this.provisioner.settled(view.id, request.waitSeconds * 1000);
      return this.view({ workspaceId: request.workspaceId, idOrName: view.id });
    }
    return view;
  }

  list({ workspaceId, nameContains, limit, offset }: ListSandboxesRequest): SandboxListPage {
    return this.projection.model.list(workspaceId, { ...(nameContains ? { nameContains } : {}), limit, offset });
  }

  async update(request: UpdateSandboxRequest): Promise<SandboxView> {
    const current = this.view(request);
    const at = new Date().toISOString();
    const renamed = request.name !== undefined && request.name !== current.name;
    if (renamed) {
      await handleCommand(
        this.store,
        sandboxNameDecider,
        sandboxNameStreamName(current.workspaceId, request.name as string),
        { type: 'ReserveSandboxName', data: { workspaceId: current.workspaceId, name: request.name as string, sandboxId: current.id, at } },
        { expectNew: true },
      );
    }
    const outcome = await handleCommand(this.store, sandboxDecider, sandboxStreamName(current.id), {
      type: 'UpdateSandbox',
      data: {
        ...(request.name !== undefined ? { name: request.name } : {}),
        ...(request.idleTtlSeconds !== undefined ? { idleTtlSeconds: request.idleTtlSeconds } : {}),
        ...(request.deleteAfterStopSeconds !== undefined ? { deleteAfterStopSeconds: request.deleteAfterStopSeconds } : {}),
        at,
      },
    });
    if (renamed) await this.releaseName(current.workspaceId, current.name, current.id, at);
    await this.projection.waitFor(outcome.position);
    return this.view({ workspaceId: current.workspaceId, idOrName: current.id });
  }

  async stop(ref: SandboxRef, reason: SandboxStopReason = 'user'): Promise<SandboxView> {
    const current = this.view(ref);
    if (current.status !== 'ready') {
      // Stopping a stopped box changes nothing; anything else is refused by the decider below.
      if (current.status === 'stopped') return current;
      throw new DomainError(SandboxErrorCode.NotReady, `sandbox '${current.name}' is ${current.status}, not ready`);
    }
    await this.rpc.request(launcherRpc(current.hostId).stop, { sandboxId: current.id }, { timeoutMs: HOST_CALL_TIMEOUT_MS });
    const outcome = await handleCommand(this.store, sandboxDecider, sandboxStreamName(current.id), {
      type: 'StopSandbox',
      data: { reason, at: new Date().toISOString() },
    });
    await this.projection.waitFor(outcome.position);
    return this.view({ workspaceId: current.workspaceId, idOrName: current.id });
  }

  async start(ref: SandboxRef): Promise<SandboxView> {
    const current = this.view(ref);
    const outcome = await handleCommand(this.store, sandboxDecider, sandboxStreamName(current.id), {
      type: 'StartSandbox',
      data: { at: new Date().toISOString() },
    });
    await this.projection.waitFor(outcome.position);
    const view = this.view({ workspaceId: current.workspaceId, idOrName: current.id });
    if (view.status === 'provisioning') void this.provisioner.provision(view);
    return view;
  }

  async delete(ref: SandboxRef): Promise<{ deleted: true }> {
    const current = this.view(ref);
    // A box deleted while its container is still being made: let that finish first, or the removal
    // and the creation race on the host (a removal in progress, or a container made after it).
    await this.provisioner.settled(current.id, HOST_CALL_TIMEOUT_MS);
    await this.rpc.request(launcherRpc(current.hostId).remove, { sandboxId: current.id }, { timeoutMs: HOST_CALL_TIMEOUT_MS });
    const at = new Date().toISOString();
    const outcome = await handleCommand(this.store, sandboxDecider, sandboxStreamName(current.id), { type: 'DeleteSandbox', data: { at } });
    // The sandbox reactor releases these too (that survives a crash here); doing it now frees them at once.
    await this.releaseNameAndReference(current.workspaceId, current.name, current.snapshotId, current.id, at);
    await this.projection.waitFor(outcome.position);
    return { deleted: true };
  }

  /** A new snapshot of the box's filesystem (not /tmp, not its processes), made on its host. */
  async capture(request: CaptureSandboxRequest): Promise<SnapshotView> {
    const current = this.view(request);
    if (current.status !== 'ready' && current.status !== 'stopped') {
      throw new DomainError(SandboxErrorCode.NotReady, `sandbox '${current.name}' is ${current.status}: only a ready or stopped sandbox can be captured`);
    }
    const source = this.snapshots.find(current.workspaceId, current.snapshotId) ?? this.snapshots.find(SYSTEM_WORKSPACE_ID, current.snapshotId);
    return this.snapshots.capture({
      workspaceId: current.workspaceId,
      name: request.name,
      sandboxId: current.id,
      fsCapacityBytes: request.fsCapacityBytes ?? current.fsCapacityBytes ?? source?.fsCapacityBytes ?? 64 * 1024 ** 3,
      runConfig: layerRunConfig(current.runConfig, request.runConfig),
      ...(request.createdBy ? { createdBy: request.createdBy } : {}),
    });
  }

  async releaseNameAndReference(workspaceId: string, name: string, snapshotId: string, sandboxId: string, at: string): Promise<void> {
    await this.releaseName(workspaceId, name, sandboxId, at);
    await handleCommand(this.store, snapshotDecider, snapshotStreamName(snapshotId), { type: 'ReleaseSnapshotReference', data: { sandboxId, at } }).catch(
      (error: unknown) => {
        // A snapshot that is gone holds no reference any more.
        if (!(isDomainError(error) && error.code === SnapshotErrorCode.NotFound)) throw error;
      },
    );
  }

  private async releaseName(workspaceId: string, name: string, sandboxId: string, at: string): Promise<void> {
    await handleCommand(this.store, sandboxNameDecider, sandboxNameStreamName(workspaceId, name), {
      type: 'ReleaseSandboxName',
      data: { sandboxId, at },
    });
  }

  private view({ workspaceId, idOrName }: SandboxRef): SandboxView {
    const view = this.projection.model.get(workspaceId, idOrName);
    if (!view) throw new DomainError(SandboxErrorCode.NotFound, `sandbox '${idOrName}' not found`);
    return view;
  }

  /** The snapshot a new box boots: by id, by name, or the server's default; it must be ready. */
  private async bootSnapshot(request: CreateSandboxRequest): Promise<SnapshotView> {
    const snapshot = request.snapshotId
      ? (this.snapshots.find(request.workspaceId, request.snapshotId) ?? this.snapshots.find(SYSTEM_WORKSPACE_ID, request.snapshotId))
      : request.snapshotName
        ? this.snapshots.findByName(request.workspaceId, request.snapshotName)
        : await this.defaultSnapshot.ensure();
    if (!snapshot) throw new DomainError(SnapshotErrorCode.NotFound, `snapshot '${request.snapshotId ?? request.snapshotName}' not found`);
    if (snapshot.status !== 'ready') {
      throw new DomainError(
        'SNAPSHOT_NOT_READY',
        `snapshot '${snapshot.name}' is ${snapshot.status}${snapshot.statusMessage ? ` (${snapshot.statusMessage})` : ''}: boxes boot only from ready snapshots`,
      );
    }
    return snapshot;
  }
}

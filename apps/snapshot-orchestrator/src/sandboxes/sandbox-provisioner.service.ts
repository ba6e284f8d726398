import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { launcherRpc, SYSTEM_WORKSPACE_ID } from '@snapforge/contracts';
import { sandboxDecider, sandboxStreamName, type SandboxView } from '@snapforge/domain';
import { EVENT_STORE, handleCommand, type EventStore } from '@snapforge/event-store';
import { RpcClient, RpcRequestError } from '@snapforge/messaging';
import { SnapshotProjection } from '../snapshots/snapshot-projection.service.js';
import { SandboxProjection } from './sandbox-projection.service.js';

const PROVISION_TIMEOUT_MS = 120_000;

/**
 * Brings a `provisioning` sandbox up on its host and records the outcome (ready or failed). Runs in
 * the background of the request that created or started the box; a long poll can wait for it.
 * At start-up it resumes every sandbox left provisioning by a crash (the launcher's side is idempotent).
 */
@Injectable()
export class SandboxProvisioner implements OnApplicationBootstrap {
  private readonly logger = new Logger(SandboxProvisioner.name);
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rpc: RpcClient,
    private readonly sandboxes: SandboxProjection,
    private readonly snapshots: SnapshotProjection,
  ) {}

  onApplicationBootstrap(): void {
    for (const view of this.sandboxes.model.inStatus('provisioning')) this.provision(view);
  }

  /** Starts provisioning unless it is already under way here. */
  provision(view: SandboxView): Promise<void> {
    const running = this.inFlight.get(view.id);
    if (running) return running;
    const work = this.bringUp(view).finally(() => this.inFlight.delete(view.id));
    this.inFlight.set(view.id, work);
    return work;
  }

  /** Resolves when provisioning under way here ends, or after `timeoutMs`; at once if none is. */
  async settled(sandboxId: string, timeoutMs: number): Promise<void> {
    const running = this.inFlight.get(sandboxId);
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  private async bringUp(view: SandboxView): Promise<void> {
    const stream = sandboxStreamName(view.id);
    try {
      const snapshot = this.snapshots.model.get(view.workspaceId, view.snapshotId) ?? this.snapshots.model.get(SYSTEM_WORKSPACE_ID, view.snapshotId);
      const provisioned = await this.rpc.request(
        launcherRpc(view.hostId).provision,
        {
          sandboxId: view.id,
          workspaceId: view.workspaceId,
          imageRef: view.imageRef,
          imageDigest: snapshot?.imageDigest ?? '',
          ...(view.vcpus !== undefined ? { vcpus: view.vcpus } : {}),
          ...(view.memBytes !== undefined ? { memBytes: view.memBytes } : {}),
          runConfig: view.runConfig,
          idleTtlSeconds: view.idleTtlSeconds,
        },
        { timeoutMs: PROVISION_TIMEOUT_MS },
      );
      const outcome = await handleCommand(this.store, sandboxDecider, stream, {
        type: 'MarkSandboxReady',
        data: { containerId: provisioned.containerId, dataplaneUrl: provisioned.dataplaneUrl, at: new Date().toISOString() },
      });
      await this.sandboxes.waitFor(outcome.position);
    } catch (error) {
      const reason =
        error instanceof RpcRequestError && error.code === 'NO_RESPONDERS'
          ? `the sandbox's host ${view.hostId} is not available`
          : error instanceof Error
            ? error.message
            : String(error);
      this.logger.warn(`sandbox ${view.id} could not be provisioned on ${view.hostId}: ${reason}`);
      const outcome = await handleCommand(this.store, sandboxDecider, stream, { type: 'FailSandbox', data: { reason, at: new Date().toISOString() } }).catch(
        () => undefined,
      );
      await this.sandboxes.waitFor(outcome?.position);
    }
  }
}

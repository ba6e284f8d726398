import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUILD_OUTPUT, buildOutputSubject, buildQueueConfig, snapshotRpc, type BuildJob } from '@snapforge/contracts';
import { IMAGE_BUILDER, imageRegistryFromEnv, type ImageBuilder } from '@snapforge/docker';
import {
  ensureOutputStream,
  ensureWorkQueue,
  NATS_CONNECTION,
  OutputWriter,
  RpcClient,
  SERVICE_IDENTITY,
  WorkQueueWorker,
  type JobDelivery,
  type ServiceIdentity,
} from '@snapforge/messaging';
import { ServiceMetrics } from '@snapforge/observability';
import { BuildMetrics } from './build-metrics.js';
import { RegistryCredentialsService } from './registry-credentials.service.js';
import { claimBuild } from './build-claim.js';
import { buildSnapshotImage } from './snapshot-build.js';

/**
 * Takes build jobs off the work queue, one at a time per agent. Every step is reported to the
 * orchestrator, which owns the snapshot's state; the agent only builds and tells.
 */
@Injectable()
export class BuildWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BuildWorker.name);
  private readonly queue = buildQueueConfig();
  private readonly publish = imageRegistryFromEnv();
  private worker?: WorkQueueWorker<BuildJob>;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(IMAGE_BUILDER) private readonly images: ImageBuilder,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    private readonly rpc: RpcClient,
    private readonly credentials: RegistryCredentialsService,
    private readonly metrics: ServiceMetrics,
    private readonly buildMetrics: BuildMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureWorkQueue(this.nc, this.queue);
    await ensureOutputStream(this.nc, BUILD_OUTPUT);
    this.worker = new WorkQueueWorker<BuildJob>(this.nc, this.queue, (delivery) => this.build(delivery), this.metrics);
    this.worker.start();
    this.logger.log(`taking build jobs as ${this.identity.instanceId}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }

  /** The pull runs while the orchestrator records the start: the answer is back long before the pull ends. */
  private async build({ job, deliveryCount }: JobDelivery<BuildJob>): Promise<void> {
    const { snapshotId } = job;
    const claim = claimBuild(this.rpc.request(snapshotRpc.reportBuild, { snapshotId, kind: 'started', agentId: this.identity.instanceId, attempt: deliveryCount }));
    this.logger.log(`snapshot ${snapshotId}: building ${job.dockerImage} (delivery ${deliveryCount})`);
    const timer = this.buildMetrics.buildSeconds.startTimer();
    const output = new OutputWriter(this.nc, BUILD_OUTPUT, buildOutputSubject(snapshotId), claim.claimed);
    if (deliveryCount > 1) output.write(`Attempt ${deliveryCount}: the agent that had this build stopped before finishing it`);
    const timeout = AbortSignal.timeout(job.buildTimeoutSeconds * 1000);
    const result = await buildSnapshotImage(this.images, job, {
      signal: AbortSignal.any([timeout, claim.signal]),
      claimed: claim.claimed,
      log: (line) => output.write(line),
      ...(this.publish ? { publish: this.publish } : {}),
      ...(job.registryId ? { auth: () => this.credentials.authFor(job.workspaceId, job.registryId as string) } : {}),
    });
    if (!(await claim.started).proceed || result.kind === 'dropped') {
      this.logger.log(`snapshot ${snapshotId} no longer needs building by this agent; dropping the job`);
      return;
    }
    timer({ outcome: result.kind });
    this.logger.log(`snapshot ${snapshotId}: ${result.kind === 'built' ? 'built' : `failed (${result.reason})`}`);
    const settled = await output.endAfter(
      () => this.rpc.request(snapshotRpc.reportBuild, { snapshotId, ...result }),
      result.kind === 'built' ? `Snapshot ${snapshotId} is ready` : `Build failed: ${result.reason}`,
    );
    if (result.kind === 'built' && !settled.proceed) {
      // Deleted while it was building: nobody will ever use or remove this image otherwise.
      await this.images.remove(result.imageRef);
    }
  }
}

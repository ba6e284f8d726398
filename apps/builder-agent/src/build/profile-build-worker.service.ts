import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import Docker from 'dockerode';
import { BUILD_OUTPUT, buildOutputSubject, profileBuildQueueConfig, profileJobRpc, type ProfileBuildJob } from '@snapforge/contracts';
import { buildWithSetupScript, IMAGE_BUILDER, imageRegistryFromEnv, oneOffContainersRemoved, type ImageBuilder } from '@snapforge/docker';
import { layerRunConfig } from '@snapforge/domain';
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
import { claimBuild } from './build-claim.js';
import { BuildMetrics } from './build-metrics.js';
import { RegistryCredentialsService } from './registry-credentials.service.js';

const PROFILE_IMAGE_REPOSITORY = 'snapforge/profile';

/**
 * Profile versions' snapshot jobs: the setup script on the base image in a one-off container, its
 * output streamed live, the result committed and reported to the orchestrator, which owns the job.
 */
@Injectable()
export class ProfileBuildWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProfileBuildWorker.name);
  private readonly queue = profileBuildQueueConfig();
  private readonly publish = imageRegistryFromEnv();
  private readonly docker = new Docker();
  private worker?: WorkQueueWorker<ProfileBuildJob>;

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
    this.worker = new WorkQueueWorker<ProfileBuildJob>(this.nc, this.queue, (delivery) => this.build(delivery), this.metrics);
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
    await oneOffContainersRemoved();
  }

  private async build(delivery: JobDelivery<ProfileBuildJob>): Promise<void> {
    // The one-off container goes once the outcome is reported: removing it is a burst of engine work
    // that would otherwise slow down the report a user waits for.
    let reported: () => void = () => undefined;
    const removeContainerAfter = new Promise<void>((resolve) => (reported = resolve));
    try {
      await this.buildAndReport(delivery, removeContainerAfter);
    } finally {
      reported();
    }
  }

  private async buildAndReport({ job, deliveryCount }: JobDelivery<ProfileBuildJob>, removeContainerAfter: Promise<void>): Promise<void> {
    const { jobId, profileId, workspaceId, version } = job;
    const ids = { jobId, profileId, workspaceId, version };
    // The base image and the container are made ready while the orchestrator records the start.
    const claim = claimBuild(this.rpc.request(profileJobRpc.report, { ...ids, kind: 'started', agentId: this.identity.instanceId, attempt: deliveryCount }));
    this.logger.log(`profile ${profileId} v${version}: running the setup script of job ${jobId} (delivery ${deliveryCount})`);
    const output = new OutputWriter(this.nc, BUILD_OUTPUT, buildOutputSubject(jobId), claim.claimed);
    if (deliveryCount > 1) output.write(`Attempt ${deliveryCount}: the agent that had this job stopped before finishing it`);
    const targetRef = `${this.publish ? `${this.publish.host}/` : ''}${PROFILE_IMAGE_REPOSITORY}:${jobId}`;
    const registryAuth = job.registryId ? await this.credentials.authFor(job.workspaceId, job.registryId) : undefined;
    const timer = this.buildMetrics.setupScriptSeconds.startTimer();
    const result = await buildWithSetupScript(
      this.docker,
      {
        baseImage: job.baseImage,
        ...(registryAuth ? { registryAuth } : {}),
        setupScript: job.setupScript,
        ...(job.vcpus !== undefined ? { vcpus: job.vcpus } : {}),
        ...(job.memBytes !== undefined ? { memBytes: job.memBytes } : {}),
        timeoutSeconds: job.timeoutSeconds,
        targetRef,
        labels: { 'io.snapforge.workspace-id': job.workspaceId, 'io.snapforge.profile-id': profileId, 'io.snapforge.job-id': jobId },
      },
      { log: (line) => output.write(line), goAhead: claim.claimed, signal: claim.signal, removeContainerAfter },
    );
    // Not this agent's job: its script never ran, so there is nothing to report or remove.
    if (!(await claim.started).proceed) return;
    timer({ outcome: result.kind });
    if (result.kind === 'failed') {
      await output.endAfter(
        () => this.rpc.request(profileJobRpc.report, { ...ids, kind: 'failed', errorCode: result.errorCode, errorMessage: result.errorMessage }),
        `Job failed (${result.errorCode}): ${result.errorMessage}`,
      );
      return;
    }
    const { image } = result;
    if (job.fsCapacityBytes !== undefined && image.sizeBytes > job.fsCapacityBytes) {
      await this.images.remove(result.imageRef);
      const errorMessage = `the built image is ${image.sizeBytes} bytes, larger than fs_capacity_bytes ${job.fsCapacityBytes}`;
      await output.endAfter(
        () => this.rpc.request(profileJobRpc.report, { ...ids, kind: 'failed', errorCode: 'image_too_large', errorMessage }),
        `Job failed (image_too_large): ${errorMessage}`,
      );
      return;
    }
    const imageRef = this.publish ? await this.images.push(result.imageRef, this.publish.auth) : result.imageRef;
    const runConfig = layerRunConfig({ ...(image.user ? { user: image.user } : {}), ...(image.workingDir ? { workDir: image.workingDir } : {}), envVars: image.env }, job.runConfig);
    this.logger.log(`profile ${profileId} v${version}: job ${jobId} succeeded`);
    await output.endAfter(
      () => this.rpc.request(profileJobRpc.report, { ...ids, kind: 'succeeded', imageRef, imageDigest: image.id, sizeBytes: image.sizeBytes, runConfig }),
      `Job ${jobId} succeeded: ${imageRef}`,
    );
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import Docker from 'dockerode';
import { BUILD_OUTPUT, buildOutputSubject, snapshotRpc, type CaptureSandbox, type ProvisionedSandbox, type ProvisionSandbox } from '@snapforge/contracts';
import { DockerodeImageBuilder, engineMessage, imageRegistryFromEnv, SandboxContainers } from '@snapforge/docker';
import { DomainError } from '@snapforge/domain';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureOutputStream, NATS_CONNECTION, OutputWriter, RpcClient, SERVICE_IDENTITY, type ServiceIdentity } from '@snapforge/messaging';
import { LAUNCHER_CONFIG, type LauncherConfig } from '../launcher-config.js';
import { LauncherRegistrationService } from '../registration/launcher-registration.service.js';
import { ActivityTracker } from './activity-tracker.service.js';

const SNAPSHOT_IMAGE_REPOSITORY = 'snapforge/snapshot';

/** The container work for the sandboxes placed on this host; every operation is idempotent. */
@Injectable()
export class SandboxHostService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SandboxHostService.name);
  private readonly docker = new Docker();
  private readonly images = new DockerodeImageBuilder(this.docker);
  private readonly publish = imageRegistryFromEnv();
  readonly containers = new SandboxContainers(this.docker);

  constructor(
    @Inject(LAUNCHER_CONFIG) private readonly config: LauncherConfig,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    private readonly rpc: RpcClient,
    private readonly activity: ActivityTracker,
    private readonly registration: LauncherRegistrationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureOutputStream(this.nc, BUILD_OUTPUT);
  }

  dataplaneUrl(sandboxId: string): string {
    return `${this.config.dataplaneBaseUrl}/sandboxes/${sandboxId}`;
  }

  /** Failures come back as SANDBOX_PROVISION_FAILED with the reason, for the sandbox's status message. */
  async provision(request: ProvisionSandbox): Promise<ProvisionedSandbox> {
    try {
      return await this.bringUp(request);
    } catch (error) {
      const reason = engineMessage(error);
      this.logger.warn(`sandbox ${request.sandboxId} could not start from ${request.imageRef}: ${reason}`);
      throw new DomainError('SANDBOX_PROVISION_FAILED', `the sandbox could not start on host ${this.config.hostId} from ${request.imageRef}: ${reason}`);
    }
  }

  private async bringUp(request: ProvisionSandbox): Promise<ProvisionedSandbox> {
    const { runConfig } = request;
    await this.ensureImage(request.imageRef);
    const containerId = await this.containers.ensureRunning({
      sandboxId: request.sandboxId,
      workspaceId: request.workspaceId,
      image: request.imageRef,
      ...(request.vcpus !== undefined ? { vcpus: request.vcpus } : {}),
      ...(request.memBytes !== undefined ? { memBytes: request.memBytes } : {}),
      ...(runConfig.user ? { user: runConfig.user } : {}),
      ...(runConfig.workDir ? { workDir: runConfig.workDir } : {}),
      ...(runConfig.envVars ? { env: runConfig.envVars } : {}),
    });
    this.activity.watch(request.sandboxId, request.workspaceId, request.idleTtlSeconds);
    return { containerId, dataplaneUrl: this.dataplaneUrl(request.sandboxId) };
  }

  /** A snapshot built on another host is pulled by digest from the image registry. */
  private async ensureImage(imageRef: string): Promise<void> {
    if (await this.images.hasImage(imageRef)) return;
    const auth = this.publish && imageRef.startsWith(`${this.publish.host}/`) ? this.publish.auth : undefined;
    this.logger.log(`pulling ${imageRef}`);
    await this.images.pull(imageRef, auth ? { auth } : {});
    await this.registration.register();
  }

  async stop(sandboxId: string): Promise<void> {
    this.activity.forget(sandboxId);
    await this.containers.stop(sandboxId);
  }

  async remove(sandboxId: string): Promise<void> {
    this.activity.forget(sandboxId);
    await this.containers.remove(sandboxId);
  }

  /** Accepts at once; the commit runs in the background and is reported like a build. */
  capture(request: CaptureSandbox): void {
    void this.commit(request);
  }

  private async commit({ sandboxId, snapshotId, workspaceId, fsCapacityBytes, runConfig }: CaptureSandbox): Promise<void> {
    const report = snapshotRpc.reportBuild;
    const output = new OutputWriter(this.nc, BUILD_OUTPUT, buildOutputSubject(snapshotId));
    const fail = (reason: string) =>
      output.endAfter(() => this.rpc.request(report, { snapshotId, kind: 'failed', reason }).catch(() => undefined), `Capture failed: ${reason}`);
    try {
      const repo = `${this.publish ? `${this.publish.host}/` : ''}${SNAPSHOT_IMAGE_REPOSITORY}`;
      output.write(`Capturing sandbox ${sandboxId} on ${this.config.hostId}`);
      // The commit does not wait for the "started" reply: a capture is quick, and a snapshot deleted
      // meanwhile only costs removing the image again.
      const [started, imageId] = await Promise.all([
        this.rpc.request(report, { snapshotId, kind: 'started', agentId: this.identity.instanceId, attempt: 1 }),
        this.containers.commit(
          sandboxId,
          { repo, tag: snapshotId },
          { 'io.snapforge.workspace-id': workspaceId, 'io.snapforge.snapshot-id': snapshotId, 'io.snapforge.source-sandbox-id': sandboxId },
        ),
      ]);
      if (!started.proceed) {
        await this.docker.getImage(imageId).remove({ force: true });
        await output.end('Capture dropped: the snapshot no longer wants it');
        return;
      }
      const { Size } = await this.docker.getImage(imageId).inspect();
      if (Size > fsCapacityBytes) {
        await this.docker.getImage(imageId).remove({ force: true });
        await fail(`the captured filesystem is ${Size} bytes, larger than fs_capacity_bytes ${fsCapacityBytes}`);
        return;
      }
      const tag = `${repo}:${snapshotId}`;
      const imageRef = this.publish ? await this.images.push(tag, this.publish.auth) : tag;
      await output.endAfter(
        () => this.rpc.request(report, { snapshotId, kind: 'built', imageRef, imageDigest: imageId, fsUsedBytes: Size, runConfig }),
        `Snapshot ${snapshotId} is ready`,
      );
      await this.registration.register();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`capture of sandbox ${sandboxId} into snapshot ${snapshotId} failed: ${reason}`);
      await fail(`capturing sandbox ${sandboxId} failed: ${reason}`);
    }
  }
}

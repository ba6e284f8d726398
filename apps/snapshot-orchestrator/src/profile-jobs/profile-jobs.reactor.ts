import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUILD_OUTPUT, buildOutputSubject, profileBuildQueueConfig, type ProfileBuildJob } from '@snapforge/contracts';
import { isProfileEvent, isProfileVersionEvent, profileVersionDecider, profileVersionStreamName } from '@snapforge/domain';
import {
  CHECKPOINT_STORE,
  CheckpointedReactor,
  deterministicUuid,
  EVENT_STORE,
  handleCommand,
  type CheckpointStore,
  type EventStore,
  type RecordedEvent,
} from '@snapforge/event-store';
import { ensureOutputStream, ensureWorkQueue, NATS_CONNECTION, OutputWriter, publishJob, watchExhaustedJobs } from '@snapforge/messaging';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../orchestrator-config.js';
import { ProfileJobsService } from './profile-jobs.service.js';
import { ProfileProjection } from './profile-projection.service.js';

/**
 * Follows the profile events: a published version gets its job series opened and its first job
 * queued; a queued job goes to the builder agents' work queue (message id = job id, so a replay
 * queues it once). At least once, from a checkpoint.
 */
@Injectable()
export class ProfileJobsReactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reactor: CheckpointedReactor;
  private readonly queue = profileBuildQueueConfig();
  private advisories?: { stop: () => void };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) checkpoints: CheckpointStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly projection: ProfileProjection,
    private readonly jobs: ProfileJobsService,
  ) {
    this.reactor = new CheckpointedReactor(store, checkpoints, 'snapshot-orchestrator.profile-jobs', (event) => this.react(event));
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureWorkQueue(this.nc, this.queue);
    await ensureOutputStream(this.nc, BUILD_OUTPUT);
    this.advisories = watchExhaustedJobs<ProfileBuildJob>(this.nc, this.queue, async (job, deliveries) => {
      const errorMessage = `the job was abandoned ${deliveries} times: each builder agent that took it stopped before finishing`;
      await this.jobs.report({ ...job, kind: 'failed', errorCode: 'agent_lost', errorMessage });
      await new OutputWriter(this.nc, BUILD_OUTPUT, buildOutputSubject(job.jobId)).end(`Job failed (agent_lost): ${errorMessage}`);
    });
    await this.reactor.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.advisories?.stop();
    await this.reactor.stop();
  }

  private async react(event: RecordedEvent): Promise<void> {
    if (isProfileEvent(event) && event.type === 'ProfileVersionPublished') {
      const { profileId, workspaceId, version, spec, publishedAt } = event.data;
      const stream = profileVersionStreamName(profileId, version);
      // Opened with its first job in one append. The job is named after the version, and opening is
      // idempotent: a replayed event opens and queues nothing new.
      const firstJobId = deterministicUuid(`publish:${profileId}:${version}`);
      const open = { type: 'OpenVersion' as const, data: { profileId, workspaceId, version, spec, firstJobId, at: publishedAt } };
      await handleCommand(this.store, profileVersionDecider, stream, open, { expectNew: true });
    } else if (isProfileVersionEvent(event) && event.type === 'SnapshotJobQueued') {
      const { profileId, workspaceId, version, jobId } = event.data;
      await this.projection.waitFor(event.position);
      const view = this.projection.model.version(workspaceId, profileId, version);
      if (!view) return;
      const { spec } = view;
      const job: ProfileBuildJob = {
        jobId,
        profileId,
        workspaceId,
        version,
        baseImage: spec.baseImage,
        ...(spec.registryId ? { registryId: spec.registryId } : {}),
        setupScript: spec.setupScript,
        ...(spec.runConfig ? { runConfig: spec.runConfig } : {}),
        ...(spec.vcpus !== undefined ? { vcpus: spec.vcpus } : {}),
        ...(spec.memBytes !== undefined ? { memBytes: spec.memBytes } : {}),
        ...(spec.fsCapacityBytes !== undefined ? { fsCapacityBytes: spec.fsCapacityBytes } : {}),
        timeoutSeconds: this.config.defaultBuildTimeoutSeconds,
      };
      await publishJob(this.nc, this.queue, jobId, job);
    }
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ProfileBuildReport, RefreshRequest, SessionRequest } from '@snapforge/contracts';
import {
  DomainError,
  isDomainError,
  isSlotTooLate,
  ProfileVersionErrorCode,
  profileVersionDecider,
  profileVersionStreamName,
  SCHEDULED_SLOT_LATE_REASON,
  type ProfileVersionCommand,
  type SandboxView,
  type SnapshotJobView,
} from '@snapforge/domain';
import { deterministicUuid, EVENT_STORE, handleCommand, type EventStore, type GlobalPosition } from '@snapforge/event-store';
import { SandboxesService } from '../sandboxes/sandboxes.service.js';
import { SnapshotsService } from '../snapshots/snapshots.service.js';
import { ProfileProjection } from './profile-projection.service.js';

/** A succeeded job's image is registered as a snapshot under this key, so sessions boot it like any box. */
function jobSnapshotKey(jobId: string): string {
  return `profile-job:${jobId}`;
}

/**
 * A profile version's snapshot jobs. At most one is queued or running per version: the version's
 * stream refuses a second one under optimistic concurrency, whichever orchestrator replica asks.
 */
@Injectable()
export class ProfileJobsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: ProfileProjection,
    private readonly sandboxes: SandboxesService,
    private readonly snapshots: SnapshotsService,
  ) {}

  async refresh(request: RefreshRequest): Promise<SnapshotJobView | { skipped: true }> {
    const version = this.projection.model.version(request.workspaceId, request.idOrName, request.version);
    if (!version) throw new DomainError(ProfileVersionErrorCode.NotFound, `profile '${request.idOrName}' has no version ${request.version}`);
    const at = new Date().toISOString();
    const stream = profileVersionStreamName(version.profileId, version.version);
    if (request.slot && isSlotTooLate(request.slot, at)) {
      const skipped = await handleCommand(this.store, profileVersionDecider, stream, {
        type: 'SkipScheduledSlot',
        data: { slot: request.slot, reason: SCHEDULED_SLOT_LATE_REASON, at },
      });
      await this.projection.waitFor(skipped.position);
      return { skipped: true };
    }
    // A slot names its job, so two scheduler replicas firing the same slot ask for the same job.
    const jobId = request.slot ? deterministicUuid(`slot:${version.profileId}:${version.version}:${request.slot}`) : randomUUID();
    const outcome = await handleCommand(this.store, profileVersionDecider, stream, {
      type: 'QueueSnapshotJob',
      data: { jobId, trigger: request.trigger, ...(request.slot ? { slot: request.slot } : {}), at },
    });
    await this.projection.waitFor(outcome.position);
    const attached = outcome.events.find((event) => event.type === 'ScheduledSlotAttached');
    const id = attached?.type === 'ScheduledSlotAttached' ? attached.data.jobId : jobId;
    return this.job({ workspaceId: request.workspaceId, jobId: id });
  }

  job({ workspaceId, jobId }: { workspaceId: string; jobId: string }): SnapshotJobView {
    const job = this.projection.model.job(workspaceId, jobId);
    if (!job) throw new DomainError(ProfileVersionErrorCode.SnapshotJobNotFound, `snapshot job '${jobId}' not found`);
    return job;
  }

  async report(report: ProfileBuildReport): Promise<{ proceed: boolean }> {
    const at = new Date().toISOString();
    let snapshotPosition: GlobalPosition | undefined;
    if (report.kind === 'succeeded') {
      // Registered before the job succeeds: a usable version always has its snapshot.
      const profile = this.projection.model.get(report.workspaceId, report.profileId);
      snapshotPosition = await this.snapshots.registerBuilt({
        workspaceId: report.workspaceId,
        name: `${profile?.name ?? 'profile'}-v${report.version}-${report.jobId.slice(0, 8)}`,
        idempotencyKey: jobSnapshotKey(report.jobId),
        jobId: report.jobId,
        imageRef: report.imageRef,
        imageDigest: report.imageDigest,
        sizeBytes: report.sizeBytes,
        runConfig: report.runConfig,
      });
    }
    const command: ProfileVersionCommand =
      report.kind === 'started'
        ? { type: 'StartSnapshotJob', data: { jobId: report.jobId, agentId: report.agentId, attempt: report.attempt, at } }
        : report.kind === 'succeeded'
          ? { type: 'SucceedSnapshotJob', data: { jobId: report.jobId, imageRef: report.imageRef, imageDigest: report.imageDigest, sizeBytes: report.sizeBytes, at } }
          : { type: 'FailSnapshotJob', data: { jobId: report.jobId, errorCode: report.errorCode, errorMessage: report.errorMessage, at } };
    try {
      const outcome = await handleCommand(this.store, profileVersionDecider, profileVersionStreamName(report.profileId, report.version), command);
      const job = outcome.state.status === 'open' ? outcome.state.jobs.get(report.jobId) : undefined;
      // Both read models answer for what this report wrote: a session may start from the snapshot at once.
      await Promise.all([this.projection.waitFor(outcome.position), this.snapshots.projectionReached(snapshotPosition)]);
      return { proceed: report.kind === 'started' ? job?.status === 'running' : true };
    } catch (error) {
      if (isDomainError(error) && error.code === ProfileVersionErrorCode.SnapshotJobNotFound) return { proceed: false };
      throw error;
    }
  }

  /** A sandbox from the version's current snapshot (the active version when none is named). */
  session(request: SessionRequest): Promise<SandboxView> {
    const version = this.projection.model.versionForSession(request.workspaceId, request.idOrName, request.version);
    const { spec } = version;
    return this.sandboxes.create({
      workspaceId: request.workspaceId,
      snapshotId: this.snapshots.idFor(request.workspaceId, jobSnapshotKey(version.currentSnapshot.jobId)),
      ...(request.name ? { name: request.name } : {}),
      ...(spec.vcpus !== undefined ? { vcpus: spec.vcpus } : {}),
      ...(spec.memBytes !== undefined ? { memBytes: spec.memBytes } : {}),
      ...(request.runConfig ? { runConfig: request.runConfig } : {}),
      ...(request.idleTtlSeconds !== undefined ? { idleTtlSeconds: request.idleTtlSeconds } : {}),
      ...(request.createdBy ? { createdBy: request.createdBy } : {}),
    });
  }
}

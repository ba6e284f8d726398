import type { ProfileSpec, ProfileVersionView, ProfileView, SnapshotJobView } from '@snapforge/domain';
import { RunConfigDto } from '../snapshots/dto/run-config.dto.js';

/** The native /v1 API speaks snake_case like the LangSmith one. */
export function specResponse(spec: ProfileSpec) {
  const runConfig = RunConfigDto.fromDomain(spec.runConfig);
  return {
    base_image: spec.baseImage,
    ...(spec.registryId ? { registry_id: spec.registryId } : {}),
    setup_script: spec.setupScript,
    ...(runConfig ? { run_config: runConfig } : {}),
    ...(spec.vcpus !== undefined ? { vcpus: spec.vcpus } : {}),
    ...(spec.memBytes !== undefined ? { mem_bytes: spec.memBytes } : {}),
    ...(spec.fsCapacityBytes !== undefined ? { fs_capacity_bytes: spec.fsCapacityBytes } : {}),
  };
}

export function profileResponse(view: ProfileView) {
  return {
    id: view.id,
    name: view.name,
    ...(view.draft ? { draft: specResponse(view.draft) } : {}),
    latest_version: view.latestVersion ?? null,
    active_version: view.activeVersion ?? null,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
}

export function jobResponse(job: SnapshotJobView) {
  return {
    id: job.id,
    profile_id: job.profileId,
    version: job.version,
    trigger: job.trigger,
    status: job.status,
    ...(job.slot ? { slot: job.slot } : {}),
    queued_at: job.queuedAt,
    started_at: job.startedAt ?? null,
    finished_at: job.finishedAt ?? null,
    error_code: job.errorCode ?? null,
    error_message: job.errorMessage ?? null,
    ...(job.imageDigest ? { image_digest: job.imageDigest } : {}),
  };
}

export function versionResponse(view: ProfileVersionView) {
  return {
    profile_id: view.profileId,
    version: view.version,
    spec: specResponse(view.spec),
    published_at: view.publishedAt,
    usable: view.usable,
    current_snapshot: view.currentSnapshot
      ? {
          image_digest: view.currentSnapshot.imageDigest,
          size_bytes: view.currentSnapshot.sizeBytes,
          built_at: view.currentSnapshot.builtAt,
          job_id: view.currentSnapshot.jobId,
        }
      : null,
    active_job: view.activeJob ? jobResponse(view.activeJob) : null,
    latest_job: view.latestJob ? jobResponse(view.latestJob) : null,
    refresh_schedule: view.refreshSchedule ?? null,
  };
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { BuildReport, BuildReportReply, CreateSnapshotRequest, ListSnapshotsRequest, SnapshotRef } from '@snapforge/contracts';
import {
  DomainError,
  isDomainError,
  SnapshotErrorCode,
  snapshotDecider,
  snapshotNameDecider,
  snapshotNameStreamName,
  snapshotStreamName,
  type CompleteBuild,
  type RequestSnapshot,
  type SnapshotCommand,
  type SnapshotListPage,
  type SnapshotRunConfig,
  type SnapshotSource,
  type SnapshotView,
} from '@snapforge/domain';
import { deterministicUuid, EVENT_STORE, handleCommand, type EventStore, type GlobalPosition } from '@snapforge/event-store';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../orchestrator-config.js';
import { SnapshotProjection } from './snapshot-projection.service.js';

type SnapshotRequest = Omit<CreateSnapshotRequest, 'dockerImage' | 'registryId'> & { source: SnapshotSource };

/** The snapshot commands and queries. Every change is an event; every answer comes from the projection. */
@Injectable()
export class SnapshotsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly projection: SnapshotProjection,
  ) {}

  create(request: CreateSnapshotRequest): Promise<SnapshotView> {
    const { dockerImage, registryId, ...rest } = request;
    return this.request({ ...rest, source: { kind: 'image', dockerImage, ...(registryId ? { registryId } : {}) } });
  }

  /** A snapshot of a sandbox's filesystem; its host's launcher does the commit. */
  capture(request: Omit<SnapshotRequest, 'source' | 'buildTimeoutSeconds'> & { sandboxId: string }): Promise<SnapshotView> {
    const { sandboxId, ...rest } = request;
    return this.request({ ...rest, source: { kind: 'sandbox', sandboxId } });
  }

  /**
   * A snapshot of an image a profile version's job built: recorded as requested and built at once,
   * so no build job is dispatched for it. The idempotency key makes a repeated registration record
   * nothing new. Answers where its events are, without waiting for the projection: the caller waits
   * for it alongside its own writes (`projectionReached`).
   */
  async registerBuilt(request: {
    workspaceId: string;
    name: string;
    idempotencyKey: string;
    jobId: string;
    imageRef: string;
    imageDigest: string;
    sizeBytes: number;
    runConfig: SnapshotRunConfig;
  }): Promise<GlobalPosition | undefined> {
    const { imageRef, imageDigest, sizeBytes, runConfig } = request;
    const { position } = await this.record(
      {
        workspaceId: request.workspaceId,
        name: request.name,
        source: { kind: 'profile_job', jobId: request.jobId, imageRef },
        fsCapacityBytes: Math.max(sizeBytes, 1),
        idempotencyKey: request.idempotencyKey,
      },
      { imageRef, imageDigest, fsUsedBytes: sizeBytes, runConfig },
    );
    return position;
  }

  /** Read-your-writes for a caller that wrote snapshot events: resolves once the projection has them. */
  projectionReached(position: GlobalPosition | undefined): Promise<void> {
    return this.projection.waitFor(position);
  }

  private async request(request: SnapshotRequest): Promise<SnapshotView> {
    const { snapshotId, position } = await this.record(request);
    await this.projection.waitFor(position);
    return this.get({ workspaceId: request.workspaceId, snapshotId });
  }

  /**
   * Appends the request (and with `built`, its build in the same append) and answers where its
   * events are. With an idempotency key, a retried request names the same snapshot and answers with
   * it instead of a 409 for its own name.
   */
  private async record(request: SnapshotRequest, built?: Omit<CompleteBuild['data'], 'completedAt'>): Promise<{ snapshotId: string; position?: GlobalPosition }> {
    const { idempotencyKey } = request;
    const snapshotId = idempotencyKey ? this.idFor(request.workspaceId, idempotencyKey) : randomUUID();
    if (this.projection.model.get(request.workspaceId, snapshotId)) return { snapshotId };
    const requestedAt = new Date().toISOString();
    const requestData: RequestSnapshot['data'] = {
      snapshotId,
      workspaceId: request.workspaceId,
      name: request.name,
      source: request.source,
      fsCapacityBytes: request.fsCapacityBytes,
      ...(request.runConfig ? { runConfig: request.runConfig } : {}),
      buildTimeoutSeconds: request.buildTimeoutSeconds ?? this.config.defaultBuildTimeoutSeconds,
      ...(request.createdBy ? { createdBy: request.createdBy } : {}),
      requestedAt,
    };
    const command: SnapshotCommand =
      built && request.source.kind === 'profile_job'
        ? { type: 'RecordBuiltSnapshot', data: { request: { ...requestData, source: request.source }, build: { ...built, completedAt: requestedAt } } }
        : { type: 'RequestSnapshot', data: requestData };
    // Refuse invalid requests before the name is reserved: a bad request must leave nothing behind.
    snapshotDecider.decide(command, snapshotDecider.initialState());
    await this.reserveName(request.workspaceId, request.name, snapshotId, requestedAt);
    try {
      const outcome = await handleCommand(this.store, snapshotDecider, snapshotStreamName(snapshotId), command, {
        expectNew: true,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      });
      return { snapshotId, ...(outcome.position ? { position: outcome.position } : {}) };
    } catch (error) {
      // A concurrent retry of the same request got there first: its snapshot is this one.
      if (!(idempotencyKey && isDomainError(error) && error.code === SnapshotErrorCode.AlreadyExists)) throw error;
      const position = (await this.store.readStream(snapshotStreamName(snapshotId))).at(-1)?.position;
      return { snapshotId, ...(position ? { position } : {}) };
    }
  }

  /** The id a request with this idempotency key gives its snapshot. */
  idFor(workspaceId: string, idempotencyKey: string): string {
    return deterministicUuid(`snapshot:${workspaceId}:${idempotencyKey}`);
  }

  find(workspaceId: string, snapshotId: string): SnapshotView | undefined {
    return this.projection.model.get(workspaceId, snapshotId);
  }

  findByName(workspaceId: string, name: string): SnapshotView | undefined {
    return this.projection.model.getByName(workspaceId, name);
  }

  get({ workspaceId, snapshotId }: SnapshotRef): SnapshotView {
    const view = this.find(workspaceId, snapshotId);
    if (!view) throw notFound(`snapshot '${snapshotId}' not found`);
    return view;
  }

  getByName({ workspaceId, name }: { workspaceId: string; name: string }): SnapshotView {
    const view = this.findByName(workspaceId, name);
    if (!view) throw notFound(`snapshot named '${name}' not found`);
    return view;
  }

  list({ workspaceId, nameContains, limit, offset }: ListSnapshotsRequest): SnapshotListPage {
    return this.projection.model.list(workspaceId, { ...(nameContains ? { nameContains } : {}), limit, offset });
  }

  async delete(ref: SnapshotRef): Promise<{ deleted: true }> {
    const view = this.get(ref);
    const deletedAt = new Date().toISOString();
    const outcome = await handleCommand(this.store, snapshotDecider, snapshotStreamName(view.id), { type: 'DeleteSnapshot', data: { deletedAt } });
    // The reactor releases the name too (that survives a crash here); doing it now as well lets the
    // name be reused right away.
    await this.releaseName(ref.workspaceId, view.name, view.id, deletedAt);
    await this.projection.waitFor(outcome.position);
    return { deleted: true };
  }

  /** A builder agent's report. `proceed: false` means the snapshot no longer wants this build. */
  async reportBuild(report: BuildReport): Promise<BuildReportReply> {
    const at = new Date().toISOString();
    const command: SnapshotCommand =
      report.kind === 'started'
        ? { type: 'StartBuild', data: { agentId: report.agentId, attempt: report.attempt, startedAt: at } }
        : report.kind === 'built'
          ? {
              type: 'CompleteBuild',
              data: { imageRef: report.imageRef, imageDigest: report.imageDigest, fsUsedBytes: report.fsUsedBytes, runConfig: report.runConfig, completedAt: at },
            }
          : { type: 'FailBuild', data: { reason: report.reason, failedAt: at } };
    try {
      const outcome = await handleCommand(this.store, snapshotDecider, snapshotStreamName(report.snapshotId), command);
      // An outcome is answered once readers see it: the agent ends the build's output after this
      // answer, and whoever followed the output to its end reads the snapshot next.
      if (report.kind !== 'started') await this.projection.waitFor(outcome.position);
      return { proceed: report.kind === 'started' ? outcome.state.status === 'building' : outcome.state.status !== 'deleted' };
    } catch (error) {
      if (isDomainError(error) && (error.code === SnapshotErrorCode.NotFound || error.code === SnapshotErrorCode.NotBuilding)) {
        return { proceed: false };
      }
      throw error;
    }
  }

  /** Fails a build on the orchestrator's own authority (time-out, agents that kept dying). */
  async failBuild(snapshotId: string, reason: string): Promise<void> {
    await this.reportBuild({ snapshotId, kind: 'failed', reason });
  }

  async releaseName(workspaceId: string, name: string, snapshotId: string, at: string): Promise<void> {
    await handleCommand(this.store, snapshotNameDecider, snapshotNameStreamName(workspaceId, name), {
      type: 'ReleaseSnapshotName',
      data: { snapshotId, at },
    });
  }

  private async reserveName(workspaceId: string, name: string, snapshotId: string, at: string): Promise<void> {
    await handleCommand(
      this.store,
      snapshotNameDecider,
      snapshotNameStreamName(workspaceId, name),
      { type: 'ReserveSnapshotName', data: { workspaceId, name, snapshotId, at } },
      { expectNew: true },
    );
  }
}

function notFound(message: string): DomainError {
  return new DomainError(SnapshotErrorCode.NotFound, message);
}

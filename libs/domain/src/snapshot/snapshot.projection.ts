import { findByName } from '../naming/find-by-name.js';
import { optional } from '../optional-field.js';
import type { ResourceListPage, ResourceListQuery } from '../resource-list.js';
import { listResources } from '../resource-list.js';
import type { SnapshotRunConfig } from './snapshot-run-config.js';
import type { SnapshotSource } from './snapshot-source.js';
import type { SnapshotEvent, SnapshotRequested } from './snapshot.events.js';

export const SNAPSHOT_LIST_DEFAULT_LIMIT = 50;
export const SNAPSHOT_LIST_MAX_LIMIT = 500;

export type SnapshotStatus = 'building' | 'ready' | 'failed';

/** A snapshot as the API shows it (camelCase; the gateway maps to snake_case), plus internals. */
export interface SnapshotView {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly status: SnapshotStatus;
  readonly fsCapacityBytes: number;
  readonly dockerImage?: string;
  readonly registryId?: string;
  readonly sourceSandboxId?: string;
  readonly imageDigest?: string;
  /** Where the built image lives (local tag or registry reference); not part of the API. */
  readonly imageRef?: string;
  /** Why the build failed. */
  readonly statusMessage?: string;
  readonly fsUsedBytes?: number;
  readonly createdBy?: string;
  /** The requested override until built, then the configuration resolved from the image. */
  readonly runConfig?: SnapshotRunConfig;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly buildTimeoutSeconds: number;
  /** The highest build attempt started (0 until a builder agent picks the job up). */
  readonly buildAttempts: number;
  readonly lastAgentId?: string;
  /** The sandboxes booted from it (sorted): why it cannot be deleted yet; not part of the API. */
  readonly referencedBy: string[];
}

export type SnapshotListQuery = ResourceListQuery;

export type SnapshotListPage = ResourceListPage<SnapshotView>;

/**
 * The current snapshots, folded from snapshot events alone (never the clock or delivery metadata),
 * so a replay from the start rebuilds the same model. A redelivered event, even a late one,
 * changes nothing: subscriptions deliver at least once. Deleted snapshots are invisible.
 */
export class SnapshotReadModel {
  private readonly viewsById = new Map<string, SnapshotView>();
  // Kept so that a duplicate delivery of an old SnapshotRequested cannot bring a snapshot back.
  private readonly deletedIds = new Set<string>();
  // The reference version last applied per snapshot, so that a late reference event is ignored.
  private readonly referenceVersions = new Map<string, number>();

  apply(event: SnapshotEvent): void {
    const id = event.data.snapshotId;
    if (this.deletedIds.has(id)) return;
    const view = this.viewsById.get(id);
    if (event.type === 'SnapshotRequested') {
      if (view === undefined) this.viewsById.set(id, requestedView(event));
      return;
    }
    if (view === undefined) return;
    switch (event.type) {
      case 'SnapshotBuildStarted':
        if (event.data.attempt > view.buildAttempts) {
          this.viewsById.set(id, {
            ...view,
            buildAttempts: event.data.attempt,
            lastAgentId: event.data.agentId,
            updatedAt: event.data.startedAt,
          });
        }
        return;
      case 'SnapshotBuilt':
        this.viewsById.set(id, {
          ...view,
          status: 'ready',
          imageRef: event.data.imageRef,
          imageDigest: event.data.imageDigest,
          fsUsedBytes: event.data.fsUsedBytes,
          runConfig: event.data.runConfig,
          updatedAt: event.data.completedAt,
        });
        return;
      case 'SnapshotBuildFailed':
        this.viewsById.set(id, {
          ...view,
          status: 'failed',
          statusMessage: event.data.reason,
          updatedAt: event.data.failedAt,
        });
        return;
      case 'SnapshotDeleted':
        this.viewsById.delete(id);
        this.referenceVersions.delete(id);
        this.deletedIds.add(id);
        return;
      case 'SnapshotReferenced':
      case 'SnapshotReferenceReleased': {
        const { sandboxId, referenceVersion } = event.data;
        if (referenceVersion <= (this.referenceVersions.get(id) ?? 0)) return;
        this.referenceVersions.set(id, referenceVersion);
        const others = view.referencedBy.filter((referrer) => referrer !== sandboxId);
        // Not an update of the snapshot for its users: `updatedAt` stays.
        this.viewsById.set(id, {
          ...view,
          referencedBy: event.type === 'SnapshotReferenced' ? [...others, sandboxId].sort() : others,
        });
        return;
      }
    }
  }

  /** Another workspace's snapshot is as absent as a missing one. */
  get(workspaceId: string, id: string): SnapshotView | undefined {
    const view = this.viewsById.get(id);
    return view?.workspaceId === workspaceId ? view : undefined;
  }

  /** Names are case-sensitive and unique among live snapshots of a workspace (the name guard). */
  getByName(workspaceId: string, name: string): SnapshotView | undefined {
    return findByName(this.inWorkspace(workspaceId), name);
  }

  /** Newest first; equal creation times are ordered by id, so pages never overlap or skip. */
  list(workspaceId: string, query: SnapshotListQuery): SnapshotListPage {
    return listResources(this.inWorkspace(workspaceId), query);
  }

  /** Every workspace's snapshots still building: what a watchdog checks against its deadlines. */
  building(): SnapshotView[] {
    return [...this.viewsById.values()].filter((view) => view.status === 'building');
  }

  /** How many snapshots of all workspaces are in each status (a status without any is absent), for metrics. */
  countByStatus(): Map<SnapshotStatus, number> {
    const counts = new Map<SnapshotStatus, number>();
    for (const { status } of this.viewsById.values()) counts.set(status, (counts.get(status) ?? 0) + 1);
    return counts;
  }

  private inWorkspace(workspaceId: string): SnapshotView[] {
    return [...this.viewsById.values()].filter((view) => view.workspaceId === workspaceId);
  }
}

function sourceView(source: SnapshotSource): Pick<SnapshotView, 'dockerImage' | 'registryId' | 'sourceSandboxId'> {
  switch (source.kind) {
    case 'image':
      return { dockerImage: source.dockerImage, ...optional('registryId', source.registryId) };
    case 'sandbox':
      return { sourceSandboxId: source.sandboxId };
    case 'profile_job':
      return { dockerImage: source.imageRef };
  }
}

function requestedView({ data }: SnapshotRequested): SnapshotView {
  return {
    id: data.snapshotId,
    workspaceId: data.workspaceId,
    name: data.name,
    status: 'building',
    fsCapacityBytes: data.fsCapacityBytes,
    ...sourceView(data.source),
    ...optional('createdBy', data.createdBy),
    ...optional('runConfig', data.runConfig),
    createdAt: data.requestedAt,
    updatedAt: data.requestedAt,
    buildTimeoutSeconds: data.buildTimeoutSeconds,
    buildAttempts: 0,
    referencedBy: [],
  };
}

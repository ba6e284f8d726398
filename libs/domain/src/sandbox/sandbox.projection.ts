import { findByName } from '../naming/find-by-name.js';
import { newestFirst } from '../newest-first.js';
import { optional } from '../optional-field.js';
import type { ResourceListPage, ResourceListQuery } from '../resource-list.js';
import { listResources } from '../resource-list.js';
import type { SnapshotRunConfig } from '../snapshot/snapshot-run-config.js';
import type { SandboxCreated, SandboxEvent } from './sandbox.events.js';
import type { SandboxStatus } from './sandbox-status.js';

/** A sandbox as the API shows it (camelCase; the gateway maps to snake_case), plus internals. */
export interface SandboxView {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly status: SandboxStatus;
  /** Why the sandbox failed. */
  readonly statusMessage?: string;
  readonly snapshotId: string;
  /** The host it was placed on; not part of the API. */
  readonly hostId: string;
  /** The snapshot's image it boots; not part of the API. */
  readonly imageRef: string;
  /** Set once a launcher first reported it ready, kept while stopped; not part of the API. */
  readonly containerId?: string;
  readonly dataplaneUrl?: string;
  readonly vcpus?: number;
  readonly memBytes?: number;
  readonly fsCapacityBytes?: number;
  readonly runConfig: SnapshotRunConfig;
  readonly idleTtlSeconds: number;
  readonly deleteAfterStopSeconds: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** While stopped: when, for the deletion `deleteAfterStopSeconds` later. */
  readonly stoppedAt?: string;
  readonly createdBy?: string;
}

export type SandboxListQuery = ResourceListQuery;

export type SandboxListPage = ResourceListPage<SandboxView>;

interface SandboxRecord {
  readonly view: SandboxView;
  readonly version: number;
}

/**
 * The current sandboxes, folded from sandbox events alone (never the clock or delivery metadata),
 * so a replay from the start rebuilds the same model. A redelivered event, even a late one,
 * changes nothing: subscriptions deliver at least once, and each event's version tells a late one
 * from a new one. Deleted sandboxes are invisible.
 */
export class SandboxReadModel {
  private readonly recordsById = new Map<string, SandboxRecord>();
  // Kept so that a duplicate delivery of an old SandboxCreated cannot bring a sandbox back.
  private readonly deletedIds = new Set<string>();

  apply(event: SandboxEvent): void {
    const id = event.data.sandboxId;
    if (this.deletedIds.has(id)) return;
    const record = this.recordsById.get(id);
    if (event.type === 'SandboxCreated') {
      if (record === undefined) this.recordsById.set(id, { view: createdView(event), version: 1 });
      return;
    }
    if (record === undefined) return;
    if (event.type === 'SandboxDeleted') {
      this.recordsById.delete(id);
      this.deletedIds.add(id);
      return;
    }
    if (event.data.version <= record.version) return;
    this.recordsById.set(id, { view: evolveView(record.view, event), version: event.data.version });
  }

  /**
   * By id first, then by name (the LangSmith API addresses sandboxes by name in paths). Another
   * workspace's sandbox is as absent as a missing one.
   */
  get(workspaceId: string, idOrName: string): SandboxView | undefined {
    const byId = this.recordsById.get(idOrName)?.view;
    if (byId?.workspaceId === workspaceId) return byId;
    return findByName(this.inWorkspace(workspaceId), idOrName);
  }

  /** Newest first; equal creation times are ordered by id, so pages never overlap or skip. */
  list(workspaceId: string, query: SandboxListQuery): SandboxListPage {
    return listResources(this.inWorkspace(workspaceId), query);
  }

  /** Every sandbox placed on the host, whatever its status and workspace: what its launcher reconciles with. */
  onHost(hostId: string): SandboxView[] {
    return this.views()
      .filter((view) => view.hostId === hostId)
      .sort(newestFirst);
  }

  /** Every workspace's sandboxes in this status, e.g. those still provisioning for a recovery sweep. */
  inStatus(status: SandboxStatus): SandboxView[] {
    return this.views()
      .filter((view) => view.status === status)
      .sort(newestFirst);
  }

  /**
   * How many sandboxes each host holds, for placement. A failed one counts too: the model cannot
   * tell whether its container is gone, and counting it errs on the side of a host's capacity.
   * A host without sandboxes is absent.
   */
  countByHost(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { hostId } of this.views()) counts.set(hostId, (counts.get(hostId) ?? 0) + 1);
    return counts;
  }

  /** How many sandboxes of all workspaces are in each status (a status without any is absent), for metrics. */
  countByStatus(): Map<SandboxStatus, number> {
    const counts = new Map<SandboxStatus, number>();
    for (const { status } of this.views()) counts.set(status, (counts.get(status) ?? 0) + 1);
    return counts;
  }

  private views(): SandboxView[] {
    return [...this.recordsById.values()].map(({ view }) => view);
  }

  private inWorkspace(workspaceId: string): SandboxView[] {
    return this.views().filter((view) => view.workspaceId === workspaceId);
  }
}

function createdView({ data }: SandboxCreated): SandboxView {
  return {
    id: data.sandboxId,
    workspaceId: data.workspaceId,
    name: data.name,
    status: 'provisioning',
    snapshotId: data.snapshotId,
    hostId: data.hostId,
    imageRef: data.imageRef,
    ...optional('vcpus', data.vcpus),
    ...optional('memBytes', data.memBytes),
    ...optional('fsCapacityBytes', data.fsCapacityBytes),
    runConfig: data.runConfig,
    idleTtlSeconds: data.idleTtlSeconds,
    deleteAfterStopSeconds: data.deleteAfterStopSeconds,
    createdAt: data.createdAt,
    updatedAt: data.createdAt,
    ...optional('createdBy', data.createdBy),
  };
}

/** The view after an event of the sandbox's life between creation and deletion. */
function evolveView(
  view: SandboxView,
  event: Exclude<SandboxEvent, { type: 'SandboxCreated' | 'SandboxDeleted' }>,
): SandboxView {
  switch (event.type) {
    case 'SandboxReady': {
      const { containerId, dataplaneUrl, readyAt } = event.data;
      return { ...view, status: 'ready', containerId, dataplaneUrl, updatedAt: readyAt };
    }
    case 'SandboxFailed': {
      const { reason, failedAt } = event.data;
      return { ...view, status: 'failed', statusMessage: reason, updatedAt: failedAt };
    }
    case 'SandboxStopped': {
      const { stoppedAt } = event.data;
      return { ...view, status: 'stopped', stoppedAt, updatedAt: stoppedAt };
    }
    case 'SandboxStarted': {
      const { stoppedAt: _stoppedAt, ...running } = view;
      return { ...running, status: 'provisioning', updatedAt: event.data.startedAt };
    }
    case 'SandboxUpdated': {
      const { data } = event;
      return {
        ...view,
        ...optional('name', data.rename?.to),
        ...optional('idleTtlSeconds', data.idleTtlSeconds),
        ...optional('deleteAfterStopSeconds', data.deleteAfterStopSeconds),
        updatedAt: data.updatedAt,
      };
    }
  }
}

import { findByName } from '../naming/find-by-name.js';
import { optional } from '../optional-field.js';
import type { ResourceListPage, ResourceListQuery } from '../resource-list.js';
import { listResources } from '../resource-list.js';
import type { RegistryCreated, RegistryEvent } from './registry.events.js';

/** A registry as the API shows it (camelCase; the gateway maps to snake_case): never the password. */
export interface RegistryView {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly url: string;
  readonly username?: string;
  readonly hasPassword: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy?: string;
}

/** What a builder agent needs to pull from the registry; it decrypts the password itself. */
export interface RegistryCredentials {
  readonly url: string;
  readonly username?: string;
  readonly passwordCiphertext?: string;
}

export type RegistryListQuery = ResourceListQuery;

export type RegistryListPage = ResourceListPage<RegistryView>;

interface RegistryRecord {
  readonly view: RegistryView;
  readonly passwordCiphertext?: string;
  readonly version: number;
}

/**
 * The current registries, folded from registry events alone (never the clock or delivery
 * metadata), so a replay from the start rebuilds the same model. A redelivered event, even a late
 * one, changes nothing: subscriptions deliver at least once. Deleted registries are invisible.
 * The password's ciphertext is kept apart from the view, for `credentials` alone.
 */
export class RegistryReadModel {
  private readonly recordsById = new Map<string, RegistryRecord>();
  // Kept so that a duplicate delivery of an old RegistryCreated cannot bring a registry back.
  private readonly deletedIds = new Set<string>();

  apply(event: RegistryEvent): void {
    const id = event.data.registryId;
    if (this.deletedIds.has(id)) return;
    const record = this.recordsById.get(id);
    if (event.type === 'RegistryCreated') {
      if (record === undefined) this.recordsById.set(id, createdRecord(event));
      return;
    }
    if (record === undefined) return;
    switch (event.type) {
      case 'RegistryUpdated': {
        const { data } = event;
        if (data.version <= record.version) return;
        const passwordCiphertext = data.passwordCiphertext ?? record.passwordCiphertext;
        this.recordsById.set(id, {
          view: {
            ...record.view,
            ...optional('name', data.name),
            ...optional('url', data.url),
            ...optional('username', data.username),
            hasPassword: passwordCiphertext !== undefined,
            updatedAt: data.updatedAt,
          },
          ...optional('passwordCiphertext', passwordCiphertext),
          version: data.version,
        });
        return;
      }
      case 'RegistryDeleted':
        this.recordsById.delete(id);
        this.deletedIds.add(id);
        return;
    }
  }

  /**
   * By id first, then by name (the LangSmith client addresses registries by name in paths).
   * Another workspace's registry is as absent as a missing one.
   */
  get(workspaceId: string, idOrName: string): RegistryView | undefined {
    return this.find(workspaceId, idOrName)?.view;
  }

  /** Newest first; equal creation times are ordered by id, so pages never overlap or skip. */
  list(workspaceId: string, query: RegistryListQuery): RegistryListPage {
    return listResources(this.viewsIn(workspaceId), query);
  }

  /** For builder agents only: everything needed to log in, the password still encrypted. */
  credentials(workspaceId: string, idOrName: string): RegistryCredentials | undefined {
    const record = this.find(workspaceId, idOrName);
    if (record === undefined) return undefined;
    return {
      url: record.view.url,
      ...optional('username', record.view.username),
      ...optional('passwordCiphertext', record.passwordCiphertext),
    };
  }

  private find(workspaceId: string, idOrName: string): RegistryRecord | undefined {
    const byId = this.recordsById.get(idOrName);
    if (byId?.view.workspaceId === workspaceId) return byId;
    const named = findByName(this.viewsIn(workspaceId), idOrName);
    return named && this.recordsById.get(named.id);
  }

  private viewsIn(workspaceId: string): RegistryView[] {
    return [...this.recordsById.values()].map(({ view }) => view).filter((view) => view.workspaceId === workspaceId);
  }
}

function createdRecord({ data }: RegistryCreated): RegistryRecord {
  return {
    view: {
      id: data.registryId,
      workspaceId: data.workspaceId,
      name: data.name,
      url: data.url,
      ...optional('username', data.username),
      hasPassword: data.passwordCiphertext !== undefined,
      createdAt: data.createdAt,
      updatedAt: data.createdAt,
      ...optional('createdBy', data.createdBy),
    },
    ...optional('passwordCiphertext', data.passwordCiphertext),
    version: 1,
  };
}

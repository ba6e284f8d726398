import { optional } from '../optional-field.js';
import type { WorkspaceEvent } from './workspace.events.js';

/** Whom an API key lets in. */
export interface ApiKeyOwner {
  readonly workspaceId: string;
  readonly name: string;
  readonly keyId: string;
}

/** An API key that works; neither the key nor its hash is shown. */
export interface ApiKeyView {
  readonly id: string;
  readonly label?: string;
  readonly issuedAt: string;
}

export interface WorkspaceView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  /** The keys not revoked, in the order they were issued. */
  readonly apiKeys: readonly ApiKeyView[];
}

interface KeyRecord {
  readonly keyHash: string;
  readonly label?: string;
  readonly issuedAt: string;
  readonly revoked: boolean;
}

interface WorkspaceRecord {
  readonly name: string;
  readonly createdAt: string;
  readonly keys: Map<string, KeyRecord>;
}

interface KeyRef {
  readonly workspaceId: string;
  readonly keyId: string;
}

/**
 * Workspaces and the hashes of their API keys, folded from workspace events alone, so a replay
 * from the start rebuilds the same directory. A redelivered event, even a late one, changes
 * nothing; in particular a revoked key never comes back.
 */
export class WorkspaceDirectory {
  private readonly workspaces = new Map<string, WorkspaceRecord>();
  // In the order issued: were one hash ever active in two workspaces, the first issued wins.
  private readonly activeKeysByHash = new Map<string, KeyRef[]>();

  apply(event: WorkspaceEvent): void {
    const { workspaceId } = event.data;
    if (event.type === 'WorkspaceCreated') {
      if (!this.workspaces.has(workspaceId)) {
        this.workspaces.set(workspaceId, { name: event.data.name, createdAt: event.data.createdAt, keys: new Map() });
      }
      return;
    }
    const workspace = this.workspaces.get(workspaceId);
    if (workspace === undefined) return;
    const { keyId, keyHash } = event.data;
    const key = workspace.keys.get(keyId);
    switch (event.type) {
      case 'ApiKeyIssued':
        if (key !== undefined) return;
        workspace.keys.set(keyId, {
          keyHash,
          ...optional('label', event.data.label),
          issuedAt: event.data.issuedAt,
          revoked: false,
        });
        this.activeKeysByHash.set(keyHash, [...(this.activeKeysByHash.get(keyHash) ?? []), { workspaceId, keyId }]);
        return;
      case 'ApiKeyRevoked': {
        if (key === undefined || key.revoked) return;
        workspace.keys.set(keyId, { ...key, revoked: true });
        const remaining = (this.activeKeysByHash.get(key.keyHash) ?? []).filter(
          (ref) => ref.workspaceId !== workspaceId || ref.keyId !== keyId,
        );
        if (remaining.length > 0) this.activeKeysByHash.set(key.keyHash, remaining);
        else this.activeKeysByHash.delete(key.keyHash);
        return;
      }
    }
  }

  /** Who a key with this hash lets in; a revoked key lets no one in. */
  workspaceForKeyHash(keyHash: string): ApiKeyOwner | undefined {
    const ref = this.activeKeysByHash.get(keyHash)?.[0];
    if (ref === undefined) return undefined;
    const workspace = this.workspaces.get(ref.workspaceId);
    return workspace && { workspaceId: ref.workspaceId, name: workspace.name, keyId: ref.keyId };
  }

  get(workspaceId: string): WorkspaceView | undefined {
    const workspace = this.workspaces.get(workspaceId);
    if (workspace === undefined) return undefined;
    return {
      id: workspaceId,
      name: workspace.name,
      createdAt: workspace.createdAt,
      apiKeys: [...workspace.keys]
        .filter(([, key]) => !key.revoked)
        .map(([id, key]) => ({ id, ...optional('label', key.label), issuedAt: key.issuedAt })),
    };
  }
}

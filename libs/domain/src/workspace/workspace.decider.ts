import type { Decider } from '../decider.js';
import { DomainError } from '../domain-error.js';
import { optional } from '../optional-field.js';
import type { WorkspaceCommand } from './workspace.commands.js';
import { WorkspaceErrorCode } from './workspace-error-code.js';
import type { WorkspaceEvent } from './workspace.events.js';
import type { WorkspaceState } from './workspace.state.js';
import { workspaceNameViolation } from './workspace.validation.js';

type ExistingWorkspaceState = Exclude<WorkspaceState, { status: 'none' }>;

export const workspaceDecider: Decider<WorkspaceCommand, WorkspaceState, WorkspaceEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'CreateWorkspace') {
      const { workspaceId, name, at } = command.data;
      if (state.status !== 'none') {
        throw new DomainError(WorkspaceErrorCode.AlreadyExists, `workspace ${workspaceId} already exists`);
      }
      const violation = workspaceNameViolation(name);
      if (violation !== undefined) throw new DomainError(WorkspaceErrorCode.Invalid, `invalid workspace: ${violation}`);
      return [{ type: 'WorkspaceCreated', data: { workspaceId, name, createdAt: at } }];
    }

    const workspace = existing(state);
    const { workspaceId, apiKeys } = workspace;
    switch (command.type) {
      case 'IssueApiKey': {
        const { keyId, keyHash, label, at } = command.data;
        if (keyHash.length === 0) {
          throw new DomainError(WorkspaceErrorCode.Invalid, 'invalid API key: key_hash must not be empty');
        }
        // The same key ensured again (the development key, at every start) is already in place.
        if ([...apiKeys.values()].some((key) => !key.revoked && key.keyHash === keyHash)) return [];
        if (apiKeys.has(keyId)) {
          throw new DomainError(WorkspaceErrorCode.ApiKeyAlreadyExists, `API key ${keyId} already exists`);
        }
        return [
          { type: 'ApiKeyIssued', data: { workspaceId, keyId, keyHash, ...optional('label', label), issuedAt: at } },
        ];
      }
      case 'RevokeApiKey': {
        const { keyId, at } = command.data;
        const key = apiKeys.get(keyId);
        if (key === undefined) throw new DomainError(WorkspaceErrorCode.ApiKeyNotFound, `API key ${keyId} not found`);
        // Revoking is making sure the key no longer works: a retry after a lost reply is no failure.
        if (key.revoked) return [];
        return [{ type: 'ApiKeyRevoked', data: { workspaceId, keyId, keyHash: key.keyHash, revokedAt: at } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'WorkspaceCreated':
        return { status: 'active', workspaceId: event.data.workspaceId, name: event.data.name, apiKeys: new Map() };
      case 'ApiKeyIssued':
        if (state.status === 'none') return state;
        return {
          ...state,
          apiKeys: new Map(state.apiKeys).set(event.data.keyId, { keyHash: event.data.keyHash, revoked: false }),
        };
      case 'ApiKeyRevoked':
        if (state.status === 'none') return state;
        return {
          ...state,
          apiKeys: new Map(state.apiKeys).set(event.data.keyId, { keyHash: event.data.keyHash, revoked: true }),
        };
    }
  },
};

function existing(state: WorkspaceState): ExistingWorkspaceState {
  if (state.status === 'none') throw new DomainError(WorkspaceErrorCode.NotFound, 'workspace not found');
  return state;
}

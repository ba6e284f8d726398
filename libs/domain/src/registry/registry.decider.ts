import type { Decider } from '../decider.js';
import { changedFields } from '../changed-fields.js';
import { DomainError } from '../domain-error.js';
import { optional } from '../optional-field.js';
import type { CreateRegistry, RegistryCommand } from './registry.commands.js';
import { RegistryErrorCode } from './registry-error-code.js';
import type { RegistryCreated, RegistryEvent } from './registry.events.js';
import type { RegistryState } from './registry.state.js';
import { registryViolations } from './registry.validation.js';

type ExistingRegistryState = Exclude<RegistryState, { status: 'none' }>;

/** What an update may change. */
interface RegistryChanges {
  name?: string;
  url?: string;
  username?: string;
  passwordCiphertext?: string;
}

const updatableFields = ['name', 'url', 'username', 'passwordCiphertext'] as const satisfies (keyof RegistryChanges)[];

/**
 * A private image registry and its credentials. Its name is unique per workspace through the
 * registry name guard, which the caller appends to around a create, rename or delete.
 */
export const registryDecider: Decider<RegistryCommand, RegistryState, RegistryEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'CreateRegistry') {
      // A deleted registry's stream still exists: ids are never reused.
      if (state.status !== 'none') {
        throw new DomainError(RegistryErrorCode.AlreadyExists, `registry ${command.data.registryId} already exists`);
      }
      assertValid(command.data);
      return [{ type: 'RegistryCreated', data: createdData(command.data) }];
    }

    const registry = existing(state);
    const ids = { registryId: registry.registryId, workspaceId: registry.workspaceId };
    switch (command.type) {
      case 'UpdateRegistry': {
        assertValid(command.data);
        // A password is compared as its ciphertext, so the same password sent again (encrypted
        // afresh) counts as a change.
        const changes = changedFields<RegistryChanges>(registry, command.data, updatableFields);
        if (Object.keys(changes).length === 0) return [];
        return [
          {
            type: 'RegistryUpdated',
            data: {
              ...ids,
              version: registry.version + 1,
              ...changes,
              ...(changes.name === undefined ? {} : { previousName: registry.name }),
              updatedAt: command.data.at,
            },
          },
        ];
      }
      case 'DeleteRegistry':
        return [{ type: 'RegistryDeleted', data: { ...ids, name: registry.name, deletedAt: command.data.at } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'RegistryCreated': {
        const { registryId, workspaceId, name, url, username, passwordCiphertext } = event.data;
        return {
          status: 'active',
          registryId,
          workspaceId,
          name,
          url,
          ...optional('username', username),
          ...optional('passwordCiphertext', passwordCiphertext),
          version: 1,
        };
      }
      case 'RegistryUpdated': {
        if (state.status === 'none') return state;
        const {
          name = state.name,
          url = state.url,
          username = state.username,
          passwordCiphertext = state.passwordCiphertext,
          version,
        } = event.data;
        return {
          ...state,
          name,
          url,
          ...optional('username', username),
          ...optional('passwordCiphertext', passwordCiphertext),
          version,
        };
      }
      case 'RegistryDeleted':
        return state.status === 'none' ? state : { ...state, status: 'deleted' };
    }
  },
};

function assertValid(fields: { name?: string; url?: string; username?: string }): void {
  const violations = registryViolations(fields);
  if (violations.length > 0) {
    throw new DomainError(RegistryErrorCode.Invalid, `invalid registry: ${violations.join('; ')}`);
  }
}

/**
 * Takes the contract's fields rather than the whole command: commands arrive as JSON from other
 * services, and whatever else they carry must not end up stored for ever in an event.
 */
function createdData(request: CreateRegistry['data']): RegistryCreated['data'] {
  return {
    registryId: request.registryId,
    workspaceId: request.workspaceId,
    name: request.name,
    url: request.url,
    ...optional('username', request.username),
    ...optional('passwordCiphertext', request.passwordCiphertext),
    ...optional('createdBy', request.createdBy),
    createdAt: request.at,
  };
}

/** A deleted registry is as gone as one never created. */
function existing(state: RegistryState): ExistingRegistryState {
  if (state.status === 'none' || state.status === 'deleted') {
    throw new DomainError(RegistryErrorCode.NotFound, 'registry not found');
  }
  return state;
}

import { DeciderSpecification } from '../testing/decider-specification.js';
import type { CreateWorkspace, IssueApiKey, RevokeApiKey } from './workspace.commands.js';
import { workspaceDecider } from './workspace.decider.js';
import type { ApiKeyIssued, ApiKeyRevoked, WorkspaceCreated } from './workspace.events.js';
import { workspaceStreamName } from './workspace-stream-name.js';

const spec = DeciderSpecification.for(workspaceDecider);

const create = (name = 'Acme'): CreateWorkspace => ({
  type: 'CreateWorkspace',
  data: { workspaceId: 'ws-1', name, at: '2025-01-01T10:00:00.000Z' },
});
const created = (name = 'Acme'): WorkspaceCreated => ({
  type: 'WorkspaceCreated',
  data: { workspaceId: 'ws-1', name, createdAt: '2025-01-01T10:00:00.000Z' },
});

const issue = (keyId: string, keyHash = `hash-${keyId}`, label?: string): IssueApiKey => ({
  type: 'IssueApiKey',
  data: { keyId, keyHash, ...(label === undefined ? {} : { label }), at: '2025-01-01T11:00:00.000Z' },
});
const issued = (keyId: string, keyHash = `hash-${keyId}`, label?: string): ApiKeyIssued => ({
  type: 'ApiKeyIssued',
  data: {
    workspaceId: 'ws-1',
    keyId,
    keyHash,
    ...(label === undefined ? {} : { label }),
    issuedAt: '2025-01-01T11:00:00.000Z',
  },
});

const revoke = (keyId: string): RevokeApiKey => ({
  type: 'RevokeApiKey',
  data: { keyId, at: '2025-01-02T10:00:00.000Z' },
});
const revoked = (keyId: string, keyHash = `hash-${keyId}`): ApiKeyRevoked => ({
  type: 'ApiKeyRevoked',
  data: { workspaceId: 'ws-1', keyId, keyHash, revokedAt: '2025-01-02T10:00:00.000Z' },
});

describe('workspace decider', () => {
  describe('CreateWorkspace', () => {
    it('creates a workspace', () => {
      spec.given([]).when(create()).then([created()]);
    });

    it('accepts a name of 64 characters, counting an emoji once', () => {
      const name = `${'x'.repeat(63)}🚀`;
      spec
        .given([])
        .when(create(name))
        .then([created(name)]);
    });

    it('stores only the fields of the contract, whatever else the command carries', () => {
      const stray = { type: 'CreateWorkspace', data: { ...create().data, apiKey: 'sf_secret' } } as CreateWorkspace;
      spec.given([]).when(stray).then([created()]);
    });

    it('refuses when the workspace already exists, naming it', () => {
      spec.given([created()]).when(create()).thenThrows('WORKSPACE_ALREADY_EXISTS', 'ws-1');
    });

    it.each([
      ['an empty name', '', 'name must not be empty'],
      ['a blank name', '   ', 'name must not be empty'],
      ['a name longer than 64 characters', 'x'.repeat(65), 'name must be at most 64 characters'],
    ])('refuses %s, naming the field', (_case, name, message) => {
      spec.given([]).when(create(name)).thenThrows('WORKSPACE_INVALID', message);
    });
  });

  describe('IssueApiKey', () => {
    it('issues a key, storing only its hash and label', () => {
      spec
        .given([created()])
        .when(issue('key-1', 'hash-1', 'ci'))
        .then([issued('key-1', 'hash-1', 'ci')]);
    });

    it('issues a key without a label, leaving the label out', () => {
      spec
        .given([created()])
        .when(issue('key-1'))
        .then([issued('key-1')]);
    });

    it('issues several keys to one workspace', () => {
      spec
        .given([created(), issued('key-1')])
        .when(issue('key-2'))
        .then([issued('key-2')]);
    });

    it('ignores a key whose hash is already active, whatever its new id (the key ensured at every start)', () => {
      spec
        .given([created(), issued('key-1', 'dev-hash')])
        .when(issue('key-2', 'dev-hash'))
        .then([]);
      spec
        .given([created(), issued('key-1', 'dev-hash')])
        .when(issue('key-1', 'dev-hash'))
        .then([]);
    });

    it('issues again, under a new id, a key whose hash was revoked', () => {
      spec
        .given([created(), issued('key-1', 'dev-hash'), revoked('key-1', 'dev-hash')])
        .when(issue('key-2', 'dev-hash'))
        .then([issued('key-2', 'dev-hash')]);
    });

    it('refuses to reuse the id of another key, even a revoked one', () => {
      spec
        .given([created(), issued('key-1')])
        .when(issue('key-1', 'other-hash'))
        .thenThrows('API_KEY_ALREADY_EXISTS', 'key-1');
      spec
        .given([created(), issued('key-1'), revoked('key-1')])
        .when(issue('key-1'))
        .thenThrows('API_KEY_ALREADY_EXISTS');
    });

    it('refuses an empty hash', () => {
      spec.given([created()]).when(issue('key-1', '')).thenThrows('WORKSPACE_INVALID', 'key_hash must not be empty');
    });

    it('refuses when the workspace does not exist', () => {
      spec.given([]).when(issue('key-1')).thenThrows('WORKSPACE_NOT_FOUND');
    });
  });

  describe('RevokeApiKey', () => {
    it('revokes an active key, naming its hash', () => {
      spec
        .given([created(), issued('key-1'), issued('key-2')])
        .when(revoke('key-1'))
        .then([revoked('key-1')]);
    });

    it('ignores a repeated revocation', () => {
      spec
        .given([created(), issued('key-1'), revoked('key-1')])
        .when(revoke('key-1'))
        .then([]);
    });

    it('refuses a key the workspace never issued', () => {
      spec
        .given([created(), issued('key-1')])
        .when(revoke('key-9'))
        .thenThrows('API_KEY_NOT_FOUND', 'key-9');
    });

    it('refuses when the workspace does not exist', () => {
      spec.given([]).when(revoke('key-1')).thenThrows('WORKSPACE_NOT_FOUND');
    });
  });

  describe('workspaceStreamName', () => {
    it('puts each workspace in its own stream of the workspace category', () => {
      expect(workspaceStreamName('ws-1')).toBe('workspace-ws-1');
    });
  });
});

import { DeciderSpecification } from '../testing/decider-specification.js';
import type { CreateRegistry, DeleteRegistry, UpdateRegistry } from './registry.commands.js';
import { registryDecider } from './registry.decider.js';
import type { RegistryCreated, RegistryDeleted, RegistryUpdated } from './registry.events.js';
import { registryStreamName } from './registry-stream-name.js';

const spec = DeciderSpecification.for(registryDecider);
const ids = { registryId: 'reg-1', workspaceId: 'ws-1' };

const create = (data: Partial<CreateRegistry['data']> = {}): CreateRegistry => ({
  type: 'CreateRegistry',
  data: {
    ...ids,
    name: 'docker-hub',
    url: 'https://registry.example.com:5000/team',
    username: 'robot',
    passwordCiphertext: 'v1:iv:tag:data',
    createdBy: 'user-1',
    at: '2025-01-01T10:00:00.000Z',
    ...data,
  },
});
const created = (data: Partial<RegistryCreated['data']> = {}): RegistryCreated => ({
  type: 'RegistryCreated',
  data: {
    ...ids,
    name: 'docker-hub',
    url: 'https://registry.example.com:5000/team',
    username: 'robot',
    passwordCiphertext: 'v1:iv:tag:data',
    createdBy: 'user-1',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...data,
  },
});

const update = (data: Omit<UpdateRegistry['data'], 'at'>): UpdateRegistry => ({
  type: 'UpdateRegistry',
  data: { ...data, at: '2025-01-02T10:00:00.000Z' },
});
const updated = (version: number, data: Partial<RegistryUpdated['data']>): RegistryUpdated => ({
  type: 'RegistryUpdated',
  data: { ...ids, version, ...data, updatedAt: '2025-01-02T10:00:00.000Z' },
});

const deleteRegistry: DeleteRegistry = { type: 'DeleteRegistry', data: { at: '2025-01-03T10:00:00.000Z' } };
const deleted = (name = 'docker-hub'): RegistryDeleted => ({
  type: 'RegistryDeleted',
  data: { ...ids, name, deletedAt: '2025-01-03T10:00:00.000Z' },
});

describe('registry decider', () => {
  describe('CreateRegistry', () => {
    it('creates a registry with its credentials, the password only as its ciphertext', () => {
      spec.given([]).when(create()).then([created()]);
    });

    it('leaves absent optional fields out of the event', () => {
      const bare = create({ username: undefined, passwordCiphertext: undefined, createdBy: undefined });
      const events = registryDecider.decide(bare, registryDecider.initialState());
      expect(Object.keys(events[0]?.data ?? {})).toEqual(['registryId', 'workspaceId', 'name', 'url', 'createdAt']);
    });

    it('stores only the fields of the contract, whatever else the command carries', () => {
      const stray = { type: 'CreateRegistry', data: { ...create().data, password: 'hunter2' } } as CreateRegistry;
      spec.given([]).when(stray).then([created()]);
    });

    it.each([
      'registry.example.com',
      'localhost:5000',
      '127.0.0.1:5000/v2',
      'http://[::1]:5000',
      'HTTPS://Registry.Example.com/team/sub-team',
      'https://registry-1.docker.io/',
    ])('accepts the url %s', (url) => {
      spec
        .given([])
        .when(create({ url }))
        .then([created({ url })]);
    });

    it('accepts a name as a snapshot may have it, and a username of 255 characters', () => {
      const name = `A1._-${'x'.repeat(123)}`;
      const username = 'u'.repeat(255);
      spec
        .given([])
        .when(create({ name, username }))
        .then([created({ name, username })]);
    });

    it.each([
      ['deleted (ids are never reused)', [created(), deleted()]],
      ['active', [created()]],
    ])('refuses when the registry already exists and is %s', (_status, given) => {
      spec.given(given).when(create()).thenThrows('REGISTRY_ALREADY_EXISTS', 'reg-1');
    });

    it.each([
      ['an empty name', { name: '' }, 'name must not be empty'],
      ['a name longer than 128 characters', { name: 'x'.repeat(129) }, 'name must be at most 128 characters'],
      ['a name with a colon', { name: 'hub:1' }, 'name must start with a letter or digit'],
      ['a name with a slash', { name: 'a/b' }, 'name must start with a letter or digit'],
      ['an empty url', { url: '' }, 'url must not be empty'],
      ['a url with a space', { url: 'registry.example.com/my team' }, 'url must not contain whitespace'],
      ['a url with a newline', { url: 'registry.example.com\n' }, 'url must not contain whitespace'],
      [
        'a url with credentials',
        { url: 'https://robot:secret@registry.example.com' },
        'url must not contain credentials',
      ],
      ['a url with another scheme', { url: 'ftp://registry.example.com' }, 'url must be host[:port][/path]'],
      ['a url with only a scheme', { url: 'https://' }, 'url must be host[:port][/path]'],
      ['a url with a query', { url: 'registry.example.com/v2?x=1' }, 'url must be host[:port][/path]'],
      ['a url with an underscore in the host', { url: 'my_registry.example.com' }, 'url must be host[:port][/path]'],
      ['a url with an empty port', { url: 'registry.example.com:/v2' }, 'url must be host[:port][/path]'],
      ['a url with port 0', { url: 'registry.example.com:0' }, 'url port must be between 1 and 65535'],
      ['a url with port 65536', { url: 'registry.example.com:65536' }, 'url port must be between 1 and 65535'],
      ['a username longer than 255 characters', { username: 'u'.repeat(256) }, 'username must be at most 255'],
    ] satisfies [string, Partial<CreateRegistry['data']>, string][])(
      'refuses %s, naming the field',
      (_case, data, message) => {
        spec.given([]).when(create(data)).thenThrows('REGISTRY_INVALID', message);
      },
    );

    it('names every invalid field at once', () => {
      const invalid = create({ name: '', url: 'a b', username: 'u'.repeat(256) });
      for (const field of ['name', 'url', 'username']) {
        spec.given([]).when(invalid).thenThrows('REGISTRY_INVALID', `${field} must`);
      }
    });
  });

  describe('UpdateRegistry', () => {
    it('records only the fields that change', () => {
      spec
        .given([created()])
        .when(update({ url: 'registry.example.com', username: 'robot' }))
        .then([updated(2, { url: 'registry.example.com' })]);
    });

    it('renames, naming the previous name for the release of its reservation', () => {
      spec
        .given([created()])
        .when(update({ name: 'ghcr' }))
        .then([updated(2, { name: 'ghcr', previousName: 'docker-hub' })]);
    });

    it('sets a username and password a registry did not have', () => {
      spec
        .given([created({ username: undefined, passwordCiphertext: undefined })])
        .when(update({ username: 'robot', passwordCiphertext: 'v1:new' }))
        .then([updated(2, { username: 'robot', passwordCiphertext: 'v1:new' })]);
    });

    it('takes a new ciphertext as a new password, even if it encrypts the same one', () => {
      spec
        .given([created()])
        .when(update({ passwordCiphertext: 'v1:iv2:tag2:data2' }))
        .then([updated(2, { passwordCiphertext: 'v1:iv2:tag2:data2' })]);
    });

    it('compares with the registry as updated, and counts the versions on', () => {
      const history = [
        created(),
        updated(2, { url: 'a.example.com' }),
        updated(3, { name: 'ghcr', previousName: 'docker-hub' }),
      ];
      spec
        .given(history)
        .when(update({ url: 'a.example.com', name: 'ghcr' }))
        .then([]);
      spec
        .given(history)
        .when(update({ url: 'b.example.com' }))
        .then([updated(4, { url: 'b.example.com' })]);
      spec
        .given(history)
        .when(update({ name: 'docker-hub' }))
        .then([updated(4, { name: 'docker-hub', previousName: 'ghcr' })]);
    });

    it.each([
      ['nothing', {}],
      [
        'the same values',
        {
          name: 'docker-hub',
          url: 'https://registry.example.com:5000/team',
          username: 'robot',
          passwordCiphertext: 'v1:iv:tag:data',
        },
      ],
    ])('records nothing for an update that changes nothing: %s', (_case, data) => {
      spec.given([created()]).when(update(data)).then([]);
    });

    it('stores only the fields of the contract, whatever else the command carries', () => {
      const stray = {
        type: 'UpdateRegistry',
        data: { ...update({ url: 'b.example.com' }).data, password: 'hunter2' },
      } as UpdateRegistry;
      spec
        .given([created()])
        .when(stray)
        .then([updated(2, { url: 'b.example.com' })]);
    });

    it.each([
      ['an invalid name', { name: '-x' }, 'name must start with a letter or digit'],
      ['an empty url', { url: '' }, 'url must not be empty'],
      ['a url with credentials', { url: 'robot:secret@registry.example.com' }, 'url must not contain credentials'],
      ['a username longer than 255 characters', { username: 'u'.repeat(256) }, 'username must be at most 255'],
    ])('refuses %s, naming the field', (_case, data, message) => {
      spec.given([created()]).when(update(data)).thenThrows('REGISTRY_INVALID', message);
    });

    it.each([
      ['does not exist', []],
      ['was deleted', [created(), deleted()]],
    ])('refuses when the registry %s', (_case, given) => {
      spec
        .given(given)
        .when(update({ url: 'b.example.com' }))
        .thenThrows('REGISTRY_NOT_FOUND');
    });
  });

  describe('DeleteRegistry', () => {
    it('deletes a registry, naming it for the name reservation', () => {
      spec.given([created()]).when(deleteRegistry).then([deleted()]);
    });

    it('names the current name of a renamed registry', () => {
      spec
        .given([created(), updated(2, { name: 'ghcr', previousName: 'docker-hub' })])
        .when(deleteRegistry)
        .then([deleted('ghcr')]);
    });

    it.each([
      ['does not exist', []],
      ['was already deleted', [created(), deleted()]],
    ])('refuses when the registry %s', (_case, given) => {
      spec.given(given).when(deleteRegistry).thenThrows('REGISTRY_NOT_FOUND');
    });
  });

  describe('registryStreamName', () => {
    it('puts each registry in its own stream of the registry category', () => {
      expect(registryStreamName('reg-1')).toBe('registry-reg-1');
    });
  });
});

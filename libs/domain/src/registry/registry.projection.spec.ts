import type { RegistryCreated, RegistryDeleted, RegistryEvent, RegistryUpdated } from './registry.events.js';
import { isRegistryEvent } from './registry.events.js';
import type { RegistryView } from './registry.projection.js';
import { RegistryReadModel } from './registry.projection.js';

const created = (registryId: string, overrides: Partial<RegistryCreated['data']> = {}): RegistryCreated => ({
  type: 'RegistryCreated',
  data: {
    registryId,
    workspaceId: 'ws-1',
    name: registryId,
    url: 'registry.example.com:5000',
    username: 'robot',
    passwordCiphertext: `cipher-${registryId}`,
    createdBy: 'user-1',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  },
});
const updated = (
  registryId: string,
  version: number,
  changes: Partial<RegistryUpdated['data']>,
  updatedAt = `2025-01-02T10:0${version}:00.000Z`,
): RegistryUpdated => ({
  type: 'RegistryUpdated',
  data: { registryId, workspaceId: 'ws-1', version, ...changes, updatedAt },
});
const deleted = (registryId: string, name = registryId): RegistryDeleted => ({
  type: 'RegistryDeleted',
  data: { registryId, workspaceId: 'ws-1', name, deletedAt: '2025-01-03T00:00:00.000Z' },
});

function given(...events: RegistryEvent[]): RegistryReadModel {
  const model = new RegistryReadModel();
  for (const event of events) model.apply(event);
  return model;
}
const everything = { limit: 100, offset: 0 };
const ids = (views: RegistryView[]) => views.map((view) => view.id);

describe('RegistryReadModel', () => {
  it('shows a created registry without its password, only whether it has one', () => {
    const view = given(created('reg-1', { name: 'docker-hub' })).get('ws-1', 'reg-1');
    expect(view).toEqual({
      id: 'reg-1',
      workspaceId: 'ws-1',
      name: 'docker-hub',
      url: 'registry.example.com:5000',
      username: 'robot',
      hasPassword: true,
      createdAt: '2025-01-01T10:00:00.000Z',
      updatedAt: '2025-01-01T10:00:00.000Z',
      createdBy: 'user-1',
    });
    expect(JSON.stringify(given(created('reg-1')).list('ws-1', everything))).not.toContain('cipher');
  });

  it('leaves absent fields out of a registry without credentials', () => {
    const bare = created('reg-1', { username: undefined, passwordCiphertext: undefined, createdBy: undefined });
    const view = given(bare).get('ws-1', 'reg-1');
    expect(view).toMatchObject({ hasPassword: false });
    expect(Object.keys(view ?? {})).toEqual([
      'id',
      'workspaceId',
      'name',
      'url',
      'hasPassword',
      'createdAt',
      'updatedAt',
    ]);
    expect(given(bare).credentials('ws-1', 'reg-1')).toEqual({ url: 'registry.example.com:5000' });
  });

  it('applies an update to the changed fields only', () => {
    const model = given(
      created('reg-1', { name: 'docker-hub', username: undefined, passwordCiphertext: undefined }),
      updated('reg-1', 2, { url: 'ghcr.io', username: 'bot', passwordCiphertext: 'cipher-new' }),
    );
    expect(model.get('ws-1', 'reg-1')).toMatchObject({
      name: 'docker-hub',
      url: 'ghcr.io',
      username: 'bot',
      hasPassword: true,
      createdAt: '2025-01-01T10:00:00.000Z',
      updatedAt: '2025-01-02T10:02:00.000Z',
    });
    expect(model.credentials('ws-1', 'docker-hub')).toEqual({
      url: 'ghcr.io',
      username: 'bot',
      passwordCiphertext: 'cipher-new',
    });
  });

  describe('get and credentials', () => {
    it('find a registry by id, then by its exact, case-sensitive name', () => {
      const model = given(created('reg-1', { name: 'Hub' }));
      expect(model.get('ws-1', 'reg-1')?.name).toBe('Hub');
      expect(model.get('ws-1', 'Hub')?.id).toBe('reg-1');
      expect(model.get('ws-1', 'hub')).toBeUndefined();
      expect(model.credentials('ws-1', 'Hub')).toEqual({
        url: 'registry.example.com:5000',
        username: 'robot',
        passwordCiphertext: 'cipher-reg-1',
      });
    });

    it("prefer a registry's id over another registry's name", () => {
      const model = given(created('reg-1', { name: 'reg-2' }), created('reg-2', { name: 'other' }));
      expect(model.get('ws-1', 'reg-2')?.id).toBe('reg-2');
      expect(model.credentials('ws-1', 'reg-2')?.passwordCiphertext).toBe('cipher-reg-2');
    });

    it('follow a rename: the new name finds the registry, the old one nothing', () => {
      const model = given(
        created('reg-1', { name: 'docker-hub' }),
        updated('reg-1', 2, { name: 'ghcr', previousName: 'docker-hub' }),
      );
      expect(model.get('ws-1', 'ghcr')?.id).toBe('reg-1');
      expect(model.get('ws-1', 'docker-hub')).toBeUndefined();
      expect(model.credentials('ws-1', 'docker-hub')).toBeUndefined();
    });

    it('find the registry that took a name over once its previous holder was deleted', () => {
      const model = given(
        created('reg-1', { name: 'hub' }),
        deleted('reg-1', 'hub'),
        created('reg-2', { name: 'hub', createdAt: '2025-01-04T00:00:00.000Z' }),
      );
      expect(model.get('ws-1', 'hub')?.id).toBe('reg-2');
    });

    it("answer nothing for another workspace's registry, by id or by name", () => {
      const model = given(created('reg-1', { workspaceId: 'ws-2', name: 'hub' }));
      expect(model.get('ws-1', 'reg-1')).toBeUndefined();
      expect(model.get('ws-1', 'hub')).toBeUndefined();
      expect(model.credentials('ws-1', 'reg-1')).toBeUndefined();
      expect(model.credentials('ws-1', 'hub')).toBeUndefined();
      expect(model.get('ws-2', 'hub')?.id).toBe('reg-1');
    });
  });

  it('hides a deleted registry from get, credentials and list', () => {
    const model = given(created('reg-1', { name: 'hub' }), created('reg-2'), deleted('reg-1', 'hub'));
    expect(model.get('ws-1', 'reg-1')).toBeUndefined();
    expect(model.get('ws-1', 'hub')).toBeUndefined();
    expect(model.credentials('ws-1', 'reg-1')).toBeUndefined();
    expect(model.list('ws-1', everything)).toEqual({ items: [model.get('ws-1', 'reg-2')], total: 1 });
  });

  describe('list', () => {
    const model = given(
      created('reg-a', { name: 'Docker-Hub', createdAt: '2025-01-01T10:00:00.000Z' }),
      created('reg-c', { name: 'quay', createdAt: '2025-01-03T10:00:00.000Z' }),
      created('reg-b', { name: 'docker-internal', createdAt: '2025-01-02T10:00:00Z' }),
      created('reg-e', { name: 'ghcr', createdAt: '2025-01-02T10:00:00.000Z' }),
      created('reg-d', { name: 'ecr', createdAt: '2025-01-02T10:00:00.000Z' }),
      created('reg-x', { workspaceId: 'ws-2', name: 'docker-elsewhere' }),
    );

    it('lists newest first, equal creation times by id, whatever the timestamp precision', () => {
      expect(model.list('ws-1', everything)).toEqual({
        items: ['reg-c', 'reg-e', 'reg-d', 'reg-b', 'reg-a'].map((id) => model.get('ws-1', id)),
        total: 5,
      });
    });

    it('filters by a case-insensitive substring of the name', () => {
      expect(ids(model.list('ws-1', { ...everything, nameContains: 'DOCKER' }).items)).toEqual(['reg-b', 'reg-a']);
      expect(model.list('ws-1', { ...everything, nameContains: 'gitlab' })).toEqual({ items: [], total: 0 });
    });

    it('pages with limit and offset, the total counting every match', () => {
      expect(ids(model.list('ws-1', { limit: 2, offset: 0 }).items)).toEqual(['reg-c', 'reg-e']);
      expect(ids(model.list('ws-1', { limit: 2, offset: 2 }).items)).toEqual(['reg-d', 'reg-b']);
      expect(model.list('ws-1', { limit: 2, offset: 4 })).toEqual({ items: [model.get('ws-1', 'reg-a')], total: 5 });
      expect(model.list('ws-1', { limit: 2, offset: 10 })).toEqual({ items: [], total: 5 });
      expect(model.list('ws-1', { nameContains: 'docker', limit: 1, offset: 1 })).toEqual({
        items: [model.get('ws-1', 'reg-a')],
        total: 2,
      });
    });
  });

  describe('replay', () => {
    const history: RegistryEvent[] = [
      created('reg-1', { name: 'hub' }),
      created('reg-2', { name: 'quay', createdAt: '2025-01-01T11:00:00.000Z' }),
      updated('reg-1', 2, { url: 'a.example.com' }),
      created('reg-3', { workspaceId: 'ws-2', name: 'hub' }),
      updated('reg-1', 3, { name: 'ghcr', previousName: 'hub', passwordCiphertext: 'cipher-3' }),
      created('reg-4', { name: 'ecr', createdAt: '2025-01-01T12:00:00.000Z' }),
      deleted('reg-2', 'quay'),
    ];
    const dump = (model: RegistryReadModel) => ({
      ws1: model.list('ws-1', everything),
      ws2: model.list('ws-2', everything),
      credentials: ['reg-1', 'reg-2', 'reg-3', 'reg-4'].map((id) => model.credentials('ws-1', id)),
    });

    it('rebuilds from the events alone the model that was kept live', () => {
      const live = new RegistryReadModel();
      for (const event of history) live.apply(event);
      expect(dump(given(...history))).toEqual(dump(live));
      expect(ids(dump(live).ws1.items)).toEqual(['reg-4', 'reg-1']);
      expect(dump(live).credentials[0]).toEqual({
        url: 'a.example.com',
        username: 'robot',
        passwordCiphertext: 'cipher-3',
      });
    });

    it('is unchanged by redelivered events, even late ones', () => {
      expect(dump(given(...history, ...history))).toEqual(dump(given(...history)));
      const late = [
        updated('reg-1', 2, { url: 'a.example.com' }),
        created('reg-2', { name: 'quay' }),
        created('reg-1'),
      ];
      expect(dump(given(...history, ...late))).toEqual(dump(given(...history)));
    });

    it('never rolls a registry back to an older update delivered late', () => {
      const model = given(
        created('reg-1'),
        updated('reg-1', 2, { url: 'old.example.com' }),
        updated('reg-1', 3, { url: 'new.example.com' }),
        updated('reg-1', 2, { url: 'old.example.com' }),
      );
      expect(model.get('ws-1', 'reg-1')).toMatchObject({
        url: 'new.example.com',
        updatedAt: '2025-01-02T10:03:00.000Z',
      });
    });

    it('ignores events of a registry it never saw created', () => {
      expect(dump(given(...history, updated('reg-9', 2, { url: 'x.example.com' }), deleted('reg-9')))).toEqual(
        dump(given(...history)),
      );
    });
  });

  it('takes its events from a global feed with the help of isRegistryEvent', () => {
    const feed: { type: string; data: unknown }[] = [
      { type: 'RegistryNameReserved', data: { workspaceId: 'ws-1', name: 'hub', registryId: 'reg-1' } },
      created('reg-1', { name: 'hub' }),
    ];
    const model = new RegistryReadModel();
    for (const event of feed) if (isRegistryEvent(event)) model.apply(event);
    expect(model.get('ws-1', 'hub')?.id).toBe('reg-1');
    expect(feed.filter(isRegistryEvent)).toHaveLength(1);
  });
});

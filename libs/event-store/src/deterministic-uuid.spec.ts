import { deterministicUuid } from './deterministic-uuid.js';

describe('deterministicUuid', () => {
  it('is a stable, well-formed UUID per seed', () => {
    const id = deterministicUuid('workspace-1:key-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('workspace-1:key-1')).toBe(id);
    expect(deterministicUuid('workspace-1:key-2')).not.toBe(id);
  });
});

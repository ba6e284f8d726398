import { correlationIdOrNew, currentCorrelationId, isValidCorrelationId, runWithCorrelationId } from './correlation-context.js';

describe('correlation context', () => {
  it('accepts short printable ids and refuses the rest', () => {
    expect(isValidCorrelationId('3f2b9a4e-1d7c-4c1e-9a51-6b3f3c8f2e10')).toBe(true);
    expect(isValidCorrelationId('order:17.retry_2')).toBe(true);
    for (const bad of ['', ' x', 'a b', 'x'.repeat(129), 'line\nbreak', 'ü', 42, undefined]) expect(isValidCorrelationId(bad)).toBe(false);
  });

  it('keeps a valid caller id and makes a UUID otherwise', () => {
    expect(correlationIdOrNew('caller-1')).toBe('caller-1');
    expect(correlationIdOrNew('bad id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('follows async work started in the scope, and nested scopes do not leak into each other', async () => {
    const seen: Record<string, Array<string | undefined>> = { a: [], b: [] };
    await Promise.all([
      runWithCorrelationId('a', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen['a']?.push(currentCorrelationId());
        // Work without a valid id of its own gets none rather than the outer one.
        runWithCorrelationId(undefined, () => seen['a']?.push(currentCorrelationId()));
      }),
      runWithCorrelationId('b', async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen['b']?.push(currentCorrelationId());
      }),
    ]);
    expect(seen).toEqual({ a: ['a', undefined], b: ['b'] });
    expect(currentCorrelationId()).toBeUndefined();
  });
});

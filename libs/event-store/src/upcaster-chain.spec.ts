import { eventSchemaCatalog, type EventSchemas, type EventUpcaster } from '@snapforge/domain';
import type { RecordedEvent } from './event-data.js';
import { UpcasterChain } from './upcaster-chain.js';

// A made-up type that went through two shape changes: v1 { n }, v2 { count }, v3 { count, unit }.
const v1ToV2: EventUpcaster = { eventType: 'Counted', fromVersion: 1, upcast: ({ n, ...rest }) => ({ ...rest, count: n }) };
const v2ToV3: EventUpcaster = { eventType: 'Counted', fromVersion: 2, upcast: (data) => ({ ...data, unit: 'items' }) };
const schemas: EventSchemas = { currentVersions: { Counted: 3 }, upcasters: [v2ToV3, v1ToV2] };

function stored(type: string, data: Record<string, unknown>, metadata?: Record<string, unknown>): RecordedEvent {
  return {
    id: 'a4b1c0de-0000-4000-8000-000000000001',
    type,
    data,
    ...(metadata ? { metadata } : {}),
    streamName: 'counter-1',
    revision: 0,
    position: { commit: 1, prepare: 0 },
    recordedAt: new Date('2026-01-01T00:00:00.000Z'),
  };
}

describe('UpcasterChain', () => {
  const chain = UpcasterChain.of(schemas);

  describe('reading', () => {
    it('given an event stored without a version, when read, then it went through every step up to the current shape', () => {
      const event = stored('Counted', { n: 2, by: 'x' }, { correlationId: 'c-1' });
      expect(chain.upcast(event)).toEqual({
        ...event,
        data: { by: 'x', count: 2, unit: 'items' },
        metadata: { correlationId: 'c-1', schemaVersion: 3 },
      });
    });

    it('given an event stored at an intermediate version, when read, then only the later steps apply', () => {
      const event = stored('Counted', { count: 5 }, { schemaVersion: 2 });
      expect(chain.upcast(event).data).toEqual({ count: 5, unit: 'items' });
    });

    it('given an event at the current version or of a type never changed, when read, then it is the stored event itself', () => {
      const current = stored('Counted', { count: 1, unit: 'kg' }, { schemaVersion: 3 });
      const unchanged = stored('Other', { n: 1 });
      expect(chain.upcast(current)).toBe(current);
      expect(chain.upcast(unchanged)).toBe(unchanged);
    });

    it('given an event from newer code or with a malformed version, when read, then it is refused naming the event', () => {
      expect(() => chain.upcast(stored('Counted', {}, { schemaVersion: 4 }))).toThrow(/Counted.*counter-1.*schema version 4, newer than the 3/);
      expect(() => chain.upcast(stored('Counted', {}, { schemaVersion: '2' }))).toThrow(/invalid schema version: "2"/);
      expect(() => chain.upcast(stored('Counted', {}, { schemaVersion: 0 }))).toThrow(/invalid schema version: 0/);
    });
  });

  describe('appending', () => {
    it('given any event the code writes, when appended, then it carries its type current version, other metadata kept', () => {
      expect(chain.versioned({ id: 'i', type: 'Counted', data: { count: 1, unit: 'kg' }, metadata: { correlationId: 'c-2' } })).toEqual({
        id: 'i',
        type: 'Counted',
        data: { count: 1, unit: 'kg' },
        metadata: { correlationId: 'c-2', schemaVersion: 3 },
      });
      expect(chain.versioned({ id: 'j', type: 'Other', data: {} }).metadata).toEqual({ schemaVersion: 1 });
    });
  });

  describe('declaring', () => {
    it.each([
      ['a gap in the chain', { currentVersions: { Counted: 3 }, upcasters: [v2ToV3] }, /no upcaster of Counted from version 1 to 2/],
      ['two upcasters of one step', { currentVersions: { Counted: 2 }, upcasters: [v1ToV2, v1ToV2] }, /two upcasters of Counted from version 1/],
      ['an upcaster beyond the current version', { currentVersions: {}, upcasters: [v1ToV2] }, /the type is at version 1/],
      ['a version that is no positive integer', { currentVersions: { Counted: 1.5 }, upcasters: [] }, /positive integer/],
    ])('refuses %s', (_case, declared: EventSchemas, message) => {
      expect(() => UpcasterChain.of(declared)).toThrow(message);
    });

    it("accepts the domain's catalog", () => {
      expect(UpcasterChain.of(eventSchemaCatalog).currentVersion('SandboxUpdated')).toBe(2);
    });
  });
});

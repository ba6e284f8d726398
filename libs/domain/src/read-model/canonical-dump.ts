/** Plain JSON: what a canonical dump is made of. */
export type DumpValue = null | boolean | number | string | DumpValue[] | { [key: string]: DumpValue };

/**
 * A read model's whole state (or any value) as plain JSON in one canonical form, so that two
 * models built from the same events dump identically: every object's own fields (private ones
 * too: they are the state) with keys sorted, Maps as objects with sorted keys, Sets as sorted
 * arrays. Arrays keep their order, which is part of the state. Undefined fields are left out.
 */
export function canonicalDump(value: unknown): DumpValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      // Functions and symbols are behaviour, not state.
      return null;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonicalDump);
  if (value instanceof Set) return sortedValues([...value].map(canonicalDump));
  if (value instanceof Map) return sortedObject([...value].map(([key, entry]) => [String(key), entry]));
  return sortedObject(Object.entries(value));
}

function sortedObject(entries: ReadonlyArray<readonly [string, unknown]>): { [key: string]: DumpValue } {
  const dumped: { [key: string]: DumpValue } = {};
  for (const [key, entry] of [...entries].sort(([a], [b]) => compareText(a, b))) {
    if (entry !== undefined && typeof entry !== 'function') dumped[key] = canonicalDump(entry);
  }
  return dumped;
}

function sortedValues(values: DumpValue[]): DumpValue[] {
  return values
    .map((value) => [JSON.stringify(value), value] as const)
    .sort(([a], [b]) => compareText(a, b))
    .map(([, value]) => value);
}

/** By UTF-16 code units, not the locale: the same order on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

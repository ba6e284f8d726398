/** A decider state as plain JSON: its sets become arrays and its maps objects, in their order. */
export function plainState(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(plainState);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, entry]) => [String(key), plainState(entry)]));
  if (Array.isArray(value)) return value.map(plainState);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plainState(entry)]));
  }
  return value;
}

/** One state field for a `label: value` line: lists comma-separated, objects as compact JSON. */
export function describeField(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

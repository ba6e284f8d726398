/** Data fields that say which thing an event is about and where it stands, whatever its type. */
const KEY_FIELD = /(Id|^name|^status|^version|^revision|^attempt|^trigger|^reason|^errorCode|^slot|^to)$/;
const MAX_VALUE_LENGTH = 24;

/**
 * `snapshotId=7f3c… name=tools attempt=2`: the short scalar fields of an event's data that identify
 * it or its state, nested objects (e.g. a rename's `to`) included, each cut short.
 */
export function eventKeyFields(data: unknown, prefix = ''): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return '';
  const fields: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    const label = `${prefix}${name}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const nested = eventKeyFields(value, `${label}.`);
      if (nested) fields.push(nested);
    } else if (KEY_FIELD.test(name) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
      fields.push(`${label}=${shortened(String(value))}`);
    }
  }
  return fields.join(' ');
}

function shortened(value: string): string {
  return value.length <= MAX_VALUE_LENGTH ? value : `${value.slice(0, MAX_VALUE_LENGTH - 1)}…`;
}

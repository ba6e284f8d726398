/**
 * The fields an update sets to something other than their current value: an update leaves absent
 * fields as they are, and one that changes nothing records nothing.
 */
export function changedFields<Fields extends object>(
  current: Fields,
  update: Partial<Fields>,
  updatable: readonly (keyof Fields)[],
): Partial<Fields> {
  const changes: Partial<Fields> = {};
  for (const field of updatable) {
    const value = update[field];
    if (value !== undefined && value !== current[field]) changes[field] = value;
  }
  return changes;
}

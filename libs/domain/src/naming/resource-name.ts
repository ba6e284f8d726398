/** The longest name a snapshot, registry or sandbox may have. */
export const RESOURCE_NAME_MAX_LENGTH = 128;

/** ASCII only, and no `:` or `/`, so that a name is safe inside stream names, image tags and URLs. */
export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why `name` is not a valid snapshot, registry or sandbox name, or undefined when it is. */
export function resourceNameViolation(name: string): string | undefined {
  if (name.length === 0) return 'name must not be empty';
  if (name.length > RESOURCE_NAME_MAX_LENGTH) return `name must be at most ${RESOURCE_NAME_MAX_LENGTH} characters`;
  if (!RESOURCE_NAME_PATTERN.test(name)) {
    return "name must start with a letter or digit and contain only letters, digits, '.', '_' and '-'";
  }
  return undefined;
}

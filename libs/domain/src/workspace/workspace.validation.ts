export const WORKSPACE_NAME_MAX_LENGTH = 64;

/**
 * Why `name` is not a valid workspace name, or undefined when it is. Any text is allowed; its
 * length counts characters (code points), not UTF-16 units, so an emoji counts once.
 */
export function workspaceNameViolation(name: string): string | undefined {
  if (name.trim().length === 0) return 'name must not be empty';
  if ([...name].length > WORKSPACE_NAME_MAX_LENGTH) {
    return `name must be at most ${WORKSPACE_NAME_MAX_LENGTH} characters`;
  }
  return undefined;
}

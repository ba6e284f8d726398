/** The event stream of one workspace and its API keys; its category is `workspace`. */
export function workspaceStreamName(workspaceId: string): string {
  return `workspace-${workspaceId}`;
}

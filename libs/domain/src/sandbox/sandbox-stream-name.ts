/** The event stream of one sandbox; its category (before the first `-`) is `sandbox`. */
export function sandboxStreamName(sandboxId: string): string {
  return `sandbox-${sandboxId}`;
}

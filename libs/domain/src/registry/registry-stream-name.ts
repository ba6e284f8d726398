/** The event stream of one registry; its category (before the first `-`) is `registry`. */
export function registryStreamName(registryId: string): string {
  return `registry-${registryId}`;
}

/** The HTTP status dockerode puts on an engine error (404: no such container, image or volume). */
export function engineStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as { statusCode?: number }).statusCode : undefined;
}

/** The HTTP status dockerode puts on an engine error (404: no such container, image or volume). */
export function engineStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as { statusCode?: number }).statusCode : undefined;
}

/** The engine's own message, without the HTTP wrapping dockerode adds. */
export function engineMessage(error: unknown): string {
  const json = (error as { json?: { message?: string } })?.json;
  const message = json?.message ?? (error instanceof Error ? error.message : String(error));
  return message.replace(/^\(HTTP code \d+\) [a-z ]+ - /i, '').trim();
}

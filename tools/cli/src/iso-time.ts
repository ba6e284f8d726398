/** A full ISO 8601 date and time with its zone: without one, the same text would mean another instant on another host. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

export const ISO_TIME_EXPECTED = 'an ISO 8601 time with a zone, such as 2026-11-25T14:00:00Z';

/** The instant, or undefined for anything else. */
export function parseIsoTime(text: string): Date | undefined {
  if (!ISO_TIME.test(text)) return undefined;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

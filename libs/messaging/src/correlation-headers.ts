import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';
import { CORRELATION_HEADER, currentCorrelationId } from '@snapforge/observability';

/** NATS headers carrying the correlation id in scope (plus `extra`); undefined when there is nothing to send. */
export function correlationHeaders(extra: Record<string, string> = {}): MsgHdrs | undefined {
  const correlationId = currentCorrelationId();
  const entries = Object.entries({ ...extra, ...(correlationId === undefined ? {} : { [CORRELATION_HEADER]: correlationId }) });
  if (entries.length === 0) return undefined;
  const h = natsHeaders();
  for (const [name, value] of entries) h.set(name, value);
  return h;
}

/** The correlation id a NATS message carries, if any. */
export function correlationIdOf(headers: MsgHdrs | undefined): string | undefined {
  return headers?.get(CORRELATION_HEADER) || undefined;
}

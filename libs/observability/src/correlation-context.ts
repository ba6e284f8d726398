import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header that carries a correlation id: on HTTP requests and responses, and on NATS messages. */
export const CORRELATION_HEADER = 'X-Correlation-Id';

// Short, printable and free of separators: it lands in log lines, headers and event metadata.
const VALID_CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

interface CorrelationScope {
  readonly correlationId?: string;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && VALID_CORRELATION_ID.test(value);
}

/** The caller's id when it is a valid one, else a new UUID. */
export function correlationIdOrNew(candidate: unknown): string {
  return isValidCorrelationId(candidate) ? candidate : randomUUID();
}

/**
 * Runs `fn` (and everything it starts, sync or async) with `correlationId` in scope. An absent or
 * invalid id runs it with none, so work for one request never inherits another request's id.
 */
export function runWithCorrelationId<T>(correlationId: unknown, fn: () => T): T {
  return storage.run(isValidCorrelationId(correlationId) ? { correlationId } : {}, fn);
}

/** The correlation id in scope, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

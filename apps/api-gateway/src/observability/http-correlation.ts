import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, correlationIdOrNew } from '@snapforge/observability';

const HEADER = CORRELATION_HEADER.toLowerCase();

/**
 * Gives every request a correlation id before anything else runs: the caller's valid
 * `X-Correlation-Id`, or a new UUID. It is echoed as a response header (errors included) and left
 * in the request's headers for `requestCorrelationId`.
 */
export function assignCorrelationIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = correlationIdOrNew(request.headers[HEADER]);
    request.headers[HEADER] = correlationId;
    void reply.header(CORRELATION_HEADER, correlationId);
    done();
  });
}

export function requestCorrelationId(request: FastifyRequest): string | undefined {
  const value = request.headers[HEADER];
  return typeof value === 'string' ? value : undefined;
}

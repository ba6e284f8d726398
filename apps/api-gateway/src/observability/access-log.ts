import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { runWithCorrelationId } from '@snapforge/observability';
import { requestCorrelationId } from './http-correlation.js';

const logger = new Logger('http');

// Probes and scrapes come every few seconds; logging them would drown the requests that matter.
const UNLOGGED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One log line per answered request, in the request's correlation context: method, path (without
 * the query string, which could carry more than an operator needs), status and duration; probes
 * and metric scrapes left out.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0] as string;
    if (UNLOGGED_PATHS.has(path)) return done();
    runWithCorrelationId(requestCorrelationId(request), () =>
      logger.log(`${request.method} ${path} ${reply.statusCode} in ${Math.round(reply.elapsedTime)} ms`),
    );
    done();
  });
}

import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RpcRequestError } from '@snapforge/messaging';
import { runWithCorrelationId } from '@snapforge/observability';
import { requestCorrelationId } from '../observability/http-correlation.js';
import type { ApiErrorBody } from './api-error.js';
import { statusForErrorCode } from './rpc-error-status.js';

/**
 * Every failure leaves the gateway in the LangSmith error shape. Typed errors from services keep their
 * code as the error type; anything unexpected is logged with the request line and answered with a
 * generic 500, so internals (and secrets) never reach a client.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    // Filters run outside the handler's context: log in the request's context again.
    const { status, body } = runWithCorrelationId(requestCorrelationId(request), () => this.toResponse(exception, request));
    void reply.status(status).send(body);
  }

  private toResponse(exception: unknown, request: FastifyRequest): { status: number; body: unknown } {
    if (exception instanceof RpcRequestError) {
      const status = statusForErrorCode(exception.code);
      if (status >= 500) this.logger.error(`${request.method} ${request.url}: ${exception.code} from ${exception.subject}: ${exception.message}`);
      return { status, body: error(exception.code, exception.message, exception.details) };
    }
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'detail' in response) {
        return { status: exception.getStatus(), body: response };
      }
      return { status: exception.getStatus(), body: error(exception.name.replace(/Exception$/, ''), exception.message) };
    }
    if (isFastifyError(exception)) {
      return { status: exception.statusCode, body: error('InvalidRequest', exception.message) };
    }
    this.logger.error(`${request.method} ${request.url} failed`, exception instanceof Error ? exception.stack : String(exception));
    return { status: 500, body: error('INTERNAL', 'internal error; the gateway logged the details') };
  }
}

/** Details (camelCase inside) go out snake_case next to the message, e.g. `active_job_id`. */
function error(type: string, message: string, details: Record<string, unknown> = {}): ApiErrorBody {
  const extra = Object.fromEntries(Object.entries(details).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]));
  return { detail: { ...extra, error: type, message } };
}

/** Fastify's own errors (bad JSON, body too large) carry a 4xx status code. */
function isFastifyError(exception: unknown): exception is Error & { statusCode: number } {
  const statusCode = exception instanceof Error ? (exception as Error & { statusCode?: unknown }).statusCode : undefined;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { engineStatus, type ContainerFileError } from '@snapforge/docker';
import type { DataPlaneRefusal } from './dataplane-deps.js';

/*
 * Errors answer as the langsmith client parses them: `{"detail": {"error": TYPE, "message": TEXT}}`,
 * with the types it tells apart (NotReady, FileNotFound, ReadError, WriteError, CommandError...), and
 * validation failures as 422 `{"detail": [{"loc": [...], "msg": TEXT, "type": "value_error"}]}`.
 */

export class DataPlaneError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataPlaneError';
  }
}

export class DataPlaneValidationError extends Error {
  constructor(
    readonly loc: readonly (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = 'DataPlaneValidationError';
  }
}

const REFUSALS: Readonly<Record<DataPlaneRefusal['refusal'], { status: number; type: string }>> = {
  unauthorized: { status: 401, type: 'Unauthorized' },
  'not-found': { status: 404, type: 'NotFound' },
  'not-ready': { status: 400, type: 'NotReady' },
};

export function refusalError({ refusal, message }: DataPlaneRefusal): DataPlaneError {
  const { status, type } = REFUSALS[refusal];
  return new DataPlaneError(status, type, message);
}

/** A file the container would not read or write; `operation` names the client's error type. */
export function fileError(error: ContainerFileError, operation: 'read' | 'write'): DataPlaneError {
  if (error.code === 'not-found') return new DataPlaneError(404, 'FileNotFound', error.message);
  return new DataPlaneError(400, operation === 'read' ? 'ReadError' : 'WriteError', error.message);
}

/**
 * An engine error about the sandbox's container: stopped (409) or gone (404) since the request was
 * authorized means not ready; anything else is ours.
 */
export function engineError(error: unknown, operation: string): DataPlaneError {
  const status = engineStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === 409 || status === 404) return new DataPlaneError(400, 'NotReady', `the sandbox is not running: ${message}`);
  return new DataPlaneError(500, 'InternalError', `${operation} failed: ${message}`);
}

/** The `{type: "error"}` message of the WebSocket protocol. */
export function wsErrorMessage(error: unknown): { type: 'error'; error_type: string; error: string } {
  if (error instanceof DataPlaneError) return { type: 'error', error_type: error.type, error: error.message };
  if (error instanceof DataPlaneValidationError) return { type: 'error', error_type: 'ValidationError', error: `${error.loc.join('.')}: ${error.message}` };
  return { type: 'error', error_type: 'CommandError', error: error instanceof Error ? error.message : String(error) };
}

/** Fastify's error handler for the data plane. */
export function answerDataPlaneError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof DataPlaneValidationError) {
    void reply.code(422).send({ detail: [{ loc: error.loc, msg: error.message, type: 'value_error' }] });
    return;
  }
  const answer = asDataPlaneError(error);
  if (answer.status >= 500) request.log.error({ err: error }, 'data plane request failed');
  void reply.code(answer.status).send({ detail: { error: answer.type, message: answer.message } });
}

function asDataPlaneError(error: FastifyError | Error): DataPlaneError {
  if (error instanceof DataPlaneError) return error;
  // Fastify's own: unparsable JSON, unsupported media type, body too large...
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return new DataPlaneError(status, 'InvalidRequest', error.message);
  return new DataPlaneError(500, 'InternalError', 'internal error; the data plane logged the details');
}

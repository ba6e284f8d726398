import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { RpcErrorCodes, type RpcErrorBody } from '@snapforge/contracts';

/** Errors that carry their own stable code (domain refusals, validation) travel as they are. */
function isCoded(error: unknown): error is RpcErrorBody {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as RpcErrorBody).code === 'string' &&
    typeof (error as RpcErrorBody).message === 'string'
  );
}

/**
 * Turns whatever a message handler throws into the typed `{code, message}` reply. Anything without a
 * code is an internal failure: it is logged here with the subject, and the caller gets a generic
 * message so that no internal detail (or secret) leaks into a reply.
 */
@Catch()
export class TypedRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('rpc');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    if (isCoded(exception)) {
      const { code, message, details } = exception;
      return throwError(() => ({ code, message, ...(details ? { details } : {}) }));
    }
    const subject = host.switchToRpc().getContext<{ getSubject?: () => string }>()?.getSubject?.() ?? 'unknown subject';
    this.logger.error(`handler for ${subject} failed`, exception instanceof Error ? exception.stack : String(exception));
    return throwError(() => ({ code: RpcErrorCodes.internal, message: `internal error while handling ${subject}` }));
  }
}

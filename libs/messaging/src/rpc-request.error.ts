import type { RpcErrorBody } from '@snapforge/contracts';

/** A request that came back with a typed error, timed out, or found nobody to answer it. */
export class RpcRequestError extends Error implements RpcErrorBody {
  constructor(
    readonly code: string,
    message: string,
    readonly subject: string,
    readonly details?: RpcErrorBody['details'],
  ) {
    super(message);
    this.name = 'RpcRequestError';
  }
}

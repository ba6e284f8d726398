import { RpcErrorCodes } from '@snapforge/contracts';

/**
 * HTTP status for a typed error code from a service. Domain codes follow a naming scheme
 * (`*_NOT_FOUND`, `*_TAKEN`, ...) so that new aggregates map without touching the gateway.
 */
export function statusForErrorCode(code: string): number {
  switch (code) {
    case RpcErrorCodes.timeout:
      return 504;
    case RpcErrorCodes.noResponders:
      return 503;
    case RpcErrorCodes.badRequest:
      return 400;
    case RpcErrorCodes.internal:
      return 500;
  }
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.endsWith('_UNSCHEDULABLE')) return 503;
  if (code.endsWith('_INVALID')) return 422;
  if (/_(TAKEN|ALREADY_EXISTS|CONFLICT|IN_PROGRESS|REFERENCED|NOT_USABLE|NOT_BUILDING|NOT_READY|NOT_STOPPED|NOT_PROVISIONING)$/.test(code)) return 409;
  return 400;
}

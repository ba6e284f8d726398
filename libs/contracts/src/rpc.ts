import type { ServiceName } from './services.js';

/**
 * A request/reply endpoint: the subject plus the request and reply types it carries.
 * Both sides name the same constant, so the subject and the payloads cannot drift apart.
 */
export interface Rpc<Request, Reply> {
  readonly subject: string;
  /** Phantom fields: they exist only in the type system. */
  readonly _request?: Request;
  readonly _reply?: Reply;
}

export function rpc<Request, Reply>(service: ServiceName, verb: string): Rpc<Request, Reply> {
  return { subject: `snapforge.${service}.${verb}` };
}

export type RpcRequest<R> = R extends Rpc<infer Request, unknown> ? Request : never;
export type RpcReply<R> = R extends Rpc<unknown, infer Reply> ? Reply : never;

/** The typed error every reply may carry instead of a result. */
export interface RpcErrorBody {
  code: string;
  message: string;
  /** Machine-readable facts about the refusal, e.g. the id of the job a refresh collided with. */
  details?: Record<string, string | number | boolean>;
}

/** Error codes that the messaging layer itself produces (services add their own domain codes). */
export const RpcErrorCodes = {
  timeout: 'TIMEOUT',
  noResponders: 'NO_RESPONDERS',
  internal: 'INTERNAL',
  badRequest: 'BAD_REQUEST',
} as const;

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { errors } from '@nats-io/nats-core';
import { RpcErrorCodes, type Rpc, type RpcErrorBody } from '@snapforge/contracts';
import { correlationHeaders } from './correlation-headers.js';
import { NATS_CONNECTION } from './nats-connection.js';
import { RpcRequestError } from './rpc-request.error.js';

export const DEFAULT_RPC_TIMEOUT_MS = 5_000;

/** Nest's NATS transport frames a request as {pattern, data, id} and a reply as {response} or {err}. */
interface ReplyPacket<Reply> {
  response?: Reply;
  err?: RpcErrorBody | string | { message?: string };
}

/**
 * Typed request/reply over NATS, speaking the framing of Nest's NATS transport so that any
 * `@MessagePattern` handler answers it. Every failure surfaces as an RpcRequestError with a code.
 * The correlation id in scope travels as a header, so the handler runs in the same context.
 */
@Injectable()
export class RpcClient {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async request<Request, Reply>(
    endpoint: Rpc<Request, Reply>,
    data: Request,
    options: { timeoutMs?: number; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const { subject } = endpoint;
    const timeout = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
    let packet: ReplyPacket<Reply>;
    try {
      const headers = correlationHeaders(options.headers);
      const msg = await this.nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout, ...(headers ? { headers } : {}) });
      packet = msg.json<ReplyPacket<Reply>>();
    } catch (error) {
      throw toRequestError(subject, timeout, error);
    }
    if (packet.err !== undefined && packet.err !== null) throw fromErrorBody(subject, packet.err);
    return packet.response as Reply;
  }
}

function toRequestError(subject: string, timeoutMs: number, error: unknown): RpcRequestError {
  if (error instanceof errors.RequestError && error.isNoResponders()) {
    return new RpcRequestError(RpcErrorCodes.noResponders, `no service answers ${subject}`, subject);
  }
  if (error instanceof errors.TimeoutError || (error instanceof Error && error.cause instanceof errors.TimeoutError)) {
    return new RpcRequestError(RpcErrorCodes.timeout, `${subject} did not answer within ${timeoutMs} ms`, subject);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RpcRequestError(RpcErrorCodes.internal, `request to ${subject} failed: ${message}`, subject);
}

function fromErrorBody(subject: string, err: NonNullable<ReplyPacket<unknown>['err']>): RpcRequestError {
  if (typeof err === 'string') return new RpcRequestError(RpcErrorCodes.internal, err, subject);
  if ('code' in err && typeof err.code === 'string') return new RpcRequestError(err.code, err.message, subject, err.details);
  return new RpcRequestError(RpcErrorCodes.internal, err.message ?? 'unknown error', subject);
}

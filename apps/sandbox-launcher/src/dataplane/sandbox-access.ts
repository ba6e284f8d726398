import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { AuthorizedSandbox, DataPlaneSandboxes } from './dataplane-deps.js';
import { refusalError } from './dataplane-errors.js';

/** The sandbox a request is for, once the launcher authorized it. */
export interface SandboxAccess extends AuthorizedSandbox {
  readonly sandboxId: string;
}

const accessByRequest = new WeakMap<FastifyRequest, SandboxAccess>();

/**
 * Authorizes every request for `/sandboxes/:sandboxId/...` by its `X-Api-Key` before anything else
 * happens, a WebSocket upgrade included: a refused upgrade is answered with the refusal's status.
 */
export function authorizeSandboxAccess(sandboxes: DataPlaneSandboxes): onRequestAsyncHookHandler {
  return async (request) => {
    const { sandboxId } = request.params as { sandboxId: string };
    const apiKey = request.headers['x-api-key'];
    const authorized = await sandboxes.authorize(typeof apiKey === 'string' ? apiKey : undefined, sandboxId);
    if ('refusal' in authorized) throw refusalError(authorized);
    sandboxes.onActivity(sandboxId);
    accessByRequest.set(request, { ...authorized, sandboxId });
  };
}

export function sandboxAccess(request: FastifyRequest): SandboxAccess {
  const access = accessByRequest.get(request);
  if (!access) throw new Error(`no sandbox access was authorized for ${request.url}`);
  return access;
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { WorkspacePrincipal } from './workspace-principal.js';

export type AuthenticatedRequest = FastifyRequest & { workspace?: WorkspacePrincipal };

/** The caller's workspace, as the ApiKeyGuard resolved it. */
export const CurrentWorkspace = createParamDecorator((_: unknown, context: ExecutionContext): WorkspacePrincipal => {
  const workspace = context.switchToHttp().getRequest<AuthenticatedRequest>().workspace;
  if (!workspace) throw new Error('CurrentWorkspace used on a route the ApiKeyGuard did not check');
  return workspace;
});

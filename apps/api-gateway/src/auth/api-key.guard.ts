import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hashApiKey } from '@snapforge/secrets';
import { ApiError } from '../common/api-error.js';
import type { AuthenticatedRequest } from './current-workspace.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import { WorkspaceDirectoryService } from './workspace-directory.service.js';

/** Every route needs a valid `X-Api-Key` unless marked @Public(); the key decides the workspace. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly directory: WorkspaceDirectoryService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    // The gateway's NATS handlers (health, operator commands) are not for API keys.
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['x-api-key'];
    const apiKey = Array.isArray(header) ? header[0] : header;
    if (!apiKey) throw new ApiError(401, 'Unauthorized', 'missing X-Api-Key header');
    const workspace = this.directory.resolve(hashApiKey(apiKey));
    if (!workspace) throw new ApiError(401, 'Unauthorized', 'invalid or revoked API key');
    request.workspace = workspace;
    return true;
  }
}

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EventStoreModule } from '@snapforge/event-store';
import { ApiKeyGuard } from './api-key.guard.js';
import { WorkspaceDirectoryService } from './workspace-directory.service.js';
import { WorkspacesController } from './workspaces.controller.js';
import { WorkspacesService } from './workspaces.service.js';

@Module({
  imports: [EventStoreModule],
  controllers: [WorkspacesController],
  providers: [WorkspaceDirectoryService, WorkspacesService, { provide: APP_GUARD, useClass: ApiKeyGuard }],
})
export class AuthModule {}

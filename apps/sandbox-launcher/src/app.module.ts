import { Module } from '@nestjs/common';
import { ProjectionControlModule } from '@snapforge/event-store';
import { MessagingModule } from '@snapforge/messaging';
import { launcherConfigFromEnv } from './launcher-config.js';
import { SandboxesModule } from './sandboxes/sandboxes.module.js';

@Module({
  imports: [MessagingModule.forRoot('sandbox-launcher'), ProjectionControlModule, SandboxesModule.forHost(launcherConfigFromEnv())],
})
export class AppModule {}

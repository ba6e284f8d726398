import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';
import { launcherConfigFromEnv } from './launcher-config.js';
import { SandboxesModule } from './sandboxes/sandboxes.module.js';

@Module({
  imports: [MessagingModule.forRoot('sandbox-launcher'), SandboxesModule.forHost(launcherConfigFromEnv())],
})
export class AppModule {}

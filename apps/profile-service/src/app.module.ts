import { Module } from '@nestjs/common';
import { ProjectionControlModule } from '@snapforge/event-store';
import { MessagingModule } from '@snapforge/messaging';
import { ProfilesModule } from './profiles/profiles.module.js';

@Module({
  imports: [MessagingModule.forRoot('profile-service'), ProjectionControlModule, ProfilesModule],
})
export class AppModule {}

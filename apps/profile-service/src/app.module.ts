import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';
import { ProfilesModule } from './profiles/profiles.module.js';

@Module({
  imports: [MessagingModule.forRoot('profile-service'), ProfilesModule],
})
export class AppModule {}

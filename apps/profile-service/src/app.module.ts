import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';

@Module({
  imports: [MessagingModule.forRoot('profile-service')],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';

@Module({
  imports: [MessagingModule.forRoot('sandbox-launcher')],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';

@Module({
  imports: [MessagingModule.forRoot('builder-agent')],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';

@Module({
  imports: [MessagingModule.forRoot('snapshot-orchestrator')],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { MessagingModule } from '@snapforge/messaging';
import { BuildModule } from './build/build.module.js';

@Module({
  imports: [MessagingModule.forRoot('builder-agent'), BuildModule],
})
export class AppModule {}

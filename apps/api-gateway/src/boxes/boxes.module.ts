import { Module } from '@nestjs/common';
import { BoxesController } from './boxes.controller.js';

@Module({
  controllers: [BoxesController],
})
export class BoxesModule {}

import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { HealthService, type SystemHealth } from './health.service.js';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 only when every service answers; 503 otherwise, naming the ones that did not. */
  @Public()
  @Get('healthz')
  async healthz(@Res({ passthrough: true }) reply: FastifyReply): Promise<SystemHealth> {
    const health = await this.health.check();
    reply.status(health.status === 'ok' ? 200 : 503);
    return health;
  }
}

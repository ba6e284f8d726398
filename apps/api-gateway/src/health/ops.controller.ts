import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { metricsResponse, ReadinessChecks, readinessResponse, ServiceMetrics, type OpsResponse } from '@snapforge/observability';
import { Public } from '../auth/public.decorator.js';

/** The gateway's ops endpoints on its own HTTP port: Prometheus metrics and readiness (liveness is `/healthz`). */
@ApiExcludeController()
@Controller()
export class OpsController {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly readiness: ReadinessChecks,
  ) {}

  @Public()
  @Get('metrics')
  async metricsText(@Res() reply: FastifyReply): Promise<void> {
    send(reply, await metricsResponse(this.metrics));
  }

  @Public()
  @Get('readyz')
  async readyz(@Res() reply: FastifyReply): Promise<void> {
    send(reply, await readinessResponse(this.readiness));
  }
}

function send(reply: FastifyReply, { status, contentType, body }: OpsResponse): void {
  void reply.status(status).header('content-type', contentType).send(body);
}

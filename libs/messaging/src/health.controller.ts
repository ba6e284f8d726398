import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { HealthReply } from '@snapforge/contracts';
import { OpsServer } from '@snapforge/observability';
import { SERVICE_IDENTITY, type ServiceIdentity } from './service-identity.js';

/** Answers `snapforge.<service>.health`; the subject is bound per service when the module is built. */
export function healthControllerFor(subject: string) {
  @Controller()
  class HealthController {
    constructor(
      @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
      private readonly ops: OpsServer,
    ) {}

    @MessagePattern(subject)
    health(): HealthReply {
      return {
        service: this.identity.service,
        status: 'ok',
        instanceId: this.identity.instanceId,
        uptimeSeconds: Math.round((Date.now() - this.identity.startedAt.getTime()) / 1000),
        ...(this.ops.url === undefined ? {} : { opsUrl: this.ops.url }),
      };
    }
  }
  return HealthController;
}

import { Module, type DynamicModule } from '@nestjs/common';
import { healthRpc, type ServiceName } from '@snapforge/contracts';
import { ObservabilityModule, ServiceMetrics } from '@snapforge/observability';
import { connectNats, NATS_CONNECTION } from './nats-connection.js';
import { healthControllerFor } from './health.controller.js';
import { NatsLifecycle } from './nats-lifecycle.js';
import { NatsReadiness } from './nats-readiness.js';
import { RpcClient } from './rpc-client.js';
import { SERVICE_IDENTITY, serviceIdentity } from './service-identity.js';

/**
 * One NATS connection per service (from SNAPFORGE_NATS_URL), typed request/reply over it, and the
 * service's health endpoint; with the service's metrics, readiness checks and ops server
 * (ObservabilityModule). Global, so every module of the service can inject the connection.
 */
@Module({})
export class MessagingModule {
  static forRoot(service: ServiceName): DynamicModule {
    const identity = serviceIdentity(service);
    return {
      module: MessagingModule,
      global: true,
      imports: [ObservabilityModule.forRoot(identity)],
      controllers: [healthControllerFor(healthRpc(service).subject)],
      providers: [
        { provide: SERVICE_IDENTITY, useValue: identity },
        {
          provide: NATS_CONNECTION,
          inject: [ServiceMetrics],
          useFactory: (metrics: ServiceMetrics) => connectNats(identity.instanceId, undefined, { onReconnect: () => metrics.natsReconnects.inc() }),
        },
        NatsLifecycle,
        NatsReadiness,
        RpcClient,
      ],
      exports: [SERVICE_IDENTITY, NATS_CONNECTION, RpcClient],
    };
  }
}

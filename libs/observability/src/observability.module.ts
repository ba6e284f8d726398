import { Module, type DynamicModule } from '@nestjs/common';
import type { LogIdentity } from './json-logger.js';
import { OpsServer } from './ops-server.js';
import { ReadinessChecks } from './readiness-checks.js';
import { ServiceMetrics } from './service-metrics.js';

/**
 * The service's metrics registry, readiness checks and ops server, global so that any module can
 * add a metric or a check. MessagingModule imports it with the service's identity.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(identity: LogIdentity): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      // A registry per application instance: a test may build the same module twice in one process.
      providers: [{ provide: ServiceMetrics, useFactory: () => new ServiceMetrics(identity.service) }, ReadinessChecks, OpsServer],
      exports: [ServiceMetrics, ReadinessChecks, OpsServer],
    };
  }
}

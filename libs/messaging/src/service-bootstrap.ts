import 'reflect-metadata';
import { Logger, type INestApplication, type INestApplicationContext, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type NatsOptions } from '@nestjs/microservices';
import type { ServiceName } from '@snapforge/contracts';
import { createJsonLogger, JsonLoggerService, OpsServer, opsServerConfigFromEnv } from '@snapforge/observability';
import { CorrelationRpcInterceptor } from './correlation-rpc.interceptor.js';
import { natsUrlFromEnv, reconnectOptions } from './nats-connection.js';
import { TypedRpcExceptionFilter } from './rpc-exception.filter.js';
import { SERVICE_IDENTITY, type ServiceIdentity } from './service-identity.js';

/** Nest's NATS transport for a service: one queue group per service, so replicas share the work. */
export function natsMicroserviceOptions(service: ServiceName): NatsOptions {
  const { onConnected: _onConnected, ...reconnect } = reconnectOptions();
  return {
    transport: Transport.NATS,
    options: { servers: natsUrlFromEnv(), name: `${service}-rpc`, queue: service, gracefulShutdown: true, gracePeriod: 2_000, ...reconnect },
  };
}

/**
 * Every line the service logs, Nest's included, as JSON naming the service and the process. Create
 * the application with `bufferLogs: true`: what Nest logged while building it comes out here too.
 */
export function useJsonLogs(app: INestApplicationContext): void {
  const identity = app.get<ServiceIdentity>(SERVICE_IDENTITY);
  app.useLogger(new JsonLoggerService(createJsonLogger(identity)));
  app.flushLogs();
}

/**
 * Starts a NATS-only service: message handlers with typed errors, each in its caller's correlation
 * context, JSON logs, the ops HTTP server (SNAPFORGE_OPS_PORT), shutdown on SIGINT/SIGTERM. The ops
 * server is up before the read models replay, so `/readyz` reports the replay as not ready yet.
 */
export async function bootstrapService(service: ServiceName, module: Type<unknown>): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<NatsOptions>(module, { ...natsMicroserviceOptions(service), bufferLogs: true });
  useJsonLogs(app);
  app.useGlobalFilters(new TypedRpcExceptionFilter());
  app.useGlobalInterceptors(new CorrelationRpcInterceptor());
  app.enableShutdownHooks();
  const opsUrl = await app.get(OpsServer).listen(opsServerConfigFromEnv(service));
  await app.listen();
  new Logger(service).log(`listening on NATS ${natsUrlFromEnv()}; ops endpoints on ${opsUrl}`);
  return app;
}

/** Adds the NATS listener to an HTTP application (the gateway answers its own health over NATS too). */
export async function attachNatsListener(app: INestApplication, service: ServiceName): Promise<void> {
  // A hybrid app's listener is initialised inside connectMicroservice, too early for global filters:
  // the gateway's only message handler is health, which does not throw.
  app.connectMicroservice<NatsOptions>(natsMicroserviceOptions(service), { inheritAppConfig: false });
  await app.startAllMicroservices();
}

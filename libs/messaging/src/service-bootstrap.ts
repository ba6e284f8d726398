import 'reflect-metadata';
import { Logger, type INestApplication, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type NatsOptions } from '@nestjs/microservices';
import type { ServiceName } from '@snapforge/contracts';
import { natsUrlFromEnv, reconnectOptions } from './nats-connection.js';
import { TypedRpcExceptionFilter } from './rpc-exception.filter.js';

/** Nest's NATS transport for a service: one queue group per service, so replicas share the work. */
export function natsMicroserviceOptions(service: ServiceName): NatsOptions {
  const { onConnected: _onConnected, ...reconnect } = reconnectOptions();
  return {
    transport: Transport.NATS,
    options: { servers: natsUrlFromEnv(), name: `${service}-rpc`, queue: service, gracefulShutdown: true, gracePeriod: 2_000, ...reconnect },
  };
}

/** Starts a NATS-only service: message handlers with typed errors, shutdown on SIGINT/SIGTERM. */
export async function bootstrapService(service: ServiceName, module: Type<unknown>): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<NatsOptions>(module, natsMicroserviceOptions(service));
  app.useGlobalFilters(new TypedRpcExceptionFilter());
  app.enableShutdownHooks();
  await app.listen();
  new Logger(service).log(`listening on NATS ${natsUrlFromEnv()}`);
  return app;
}

/** Adds the NATS listener to an HTTP application (the gateway answers its own health over NATS too). */
export async function attachNatsListener(app: INestApplication, service: ServiceName): Promise<void> {
  // A hybrid app's listener is initialised inside connectMicroservice, too early for global filters:
  // the gateway's only message handler is health, which does not throw.
  app.connectMicroservice<NatsOptions>(natsMicroserviceOptions(service), { inheritAppConfig: false });
  await app.startAllMicroservices();
}

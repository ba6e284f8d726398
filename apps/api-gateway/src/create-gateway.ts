import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { attachNatsListener } from '@snapforge/messaging';
import { AppModule } from './app.module.js';

/** Builds the gateway (HTTP on Fastify plus its NATS listener) without binding a port yet. */
export async function createGateway(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { bufferLogs: false });
  app.enableShutdownHooks();
  await attachNatsListener(app, 'api-gateway');
  return app;
}

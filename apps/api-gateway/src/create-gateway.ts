import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { attachNatsListener, useJsonLogs } from '@snapforge/messaging';
import { AppModule } from './app.module.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { ApiValidationPipe } from './common/api-validation.pipe.js';
import { CorrelationHttpInterceptor } from './observability/correlation-http.interceptor.js';
import { logRequests } from './observability/access-log.js';
import { assignCorrelationIds } from './observability/http-correlation.js';

/**
 * Builds the gateway (HTTP on Fastify plus its NATS listener) without binding a port yet: JSON logs,
 * each request in the correlation context of its `X-Correlation-Id` and logged once answered.
 */
export async function createGateway(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter({ bodyLimit: 1024 * 1024 }), { bufferLogs: true });
  useJsonLogs(app);
  assignCorrelationIds(app.getHttpAdapter().getInstance());
  logRequests(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalInterceptors(new CorrelationHttpInterceptor());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Snapforge')
      .setDescription('Sandbox snapshots: LangSmith-compatible /v2/sandboxes API and the native /v1 API')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await attachNatsListener(app, 'api-gateway');
  return app;
}

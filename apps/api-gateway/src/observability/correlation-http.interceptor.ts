import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { runWithCorrelationId } from '@snapforge/observability';
import { requestCorrelationId } from './http-correlation.js';

/** Runs each route handler in its request's correlation context: its logs and NATS requests carry the id. */
@Injectable()
export class CorrelationHttpInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const correlationId = requestCorrelationId(context.switchToHttp().getRequest<FastifyRequest>());
    // The handler runs when the observable is subscribed to: subscribe inside the context.
    return new Observable((subscriber) => runWithCorrelationId(correlationId, () => next.handle().subscribe(subscriber)));
  }
}

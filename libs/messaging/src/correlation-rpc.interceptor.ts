import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { runWithCorrelationId } from '@snapforge/observability';
import { correlationIdOf } from './correlation-headers.js';

/**
 * Runs every NATS message handler in the correlation context of the request's header, so its log
 * lines, the events it appends and the requests it makes carry the caller's correlation id.
 */
@Injectable()
export class CorrelationRpcInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const correlationId = correlationIdOf(context.switchToRpc().getContext<NatsContext>().getHeaders());
    // The handler runs when the observable is subscribed to: subscribe inside the context.
    return new Observable((subscriber) => runWithCorrelationId(correlationId, () => next.handle().subscribe(subscriber)));
  }
}

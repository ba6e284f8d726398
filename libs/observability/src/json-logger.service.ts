import { inspect } from 'node:util';
import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

// How Nest's own logger recognises a stack trace among a call's parameters.
const STACK_TRACE = /^(.)+\n\s+at .+:\d+:\d+/;

/**
 * Nest's LoggerService on a pino logger, for `app.useLogger()`: Nest's lines and every `new Logger(ctx)`
 * of the services come out as JSON with `context`. Nest passes the context as the last string
 * parameter and, for errors, a stack trace before it.
 */
export class JsonLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    // Nest's Logger passes `undefined` for a missing stack before the context.
    const rest = params.filter((param) => param !== undefined);
    const context = typeof rest.at(-1) === 'string' && !STACK_TRACE.test(rest.at(-1) as string) ? (rest.pop() as string) : undefined;
    const stackIndex = rest.findIndex((param) => typeof param === 'string' && STACK_TRACE.test(param));
    const stack = stackIndex >= 0 ? (rest.splice(stackIndex, 1)[0] as string) : message instanceof Error ? message.stack : undefined;
    const fields = {
      ...(context !== undefined ? { context } : {}),
      ...(stack !== undefined ? { stack } : {}),
      ...(rest.length > 0 ? { details: rest.map(text) } : {}),
    };
    this.logger[level](fields, message instanceof Error ? message.message : text(message));
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : inspect(value, { depth: 4, breakLength: Infinity });
}

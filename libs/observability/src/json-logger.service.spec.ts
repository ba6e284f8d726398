import { Logger } from '@nestjs/common';
import { createJsonLogger } from './json-logger.js';
import { JsonLoggerService } from './json-logger.service.js';
import { runWithCorrelationId } from './correlation-context.js';

/** The log lines as parsed JSON, written by a logger for service `builder-agent`. */
function capture() {
  const lines: string[] = [];
  const service = new JsonLoggerService(createJsonLogger({ service: 'builder-agent', instanceId: 'builder-agent-1234' }, { write: (line: string) => lines.push(line) }));
  return { service, lines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), raw: () => lines };
}

describe('JSON logs', () => {
  it('writes one JSON object per line with time, level, service, instanceId, context and msg', () => {
    const { service, lines, raw } = capture();
    service.log('snapshot s1 built', 'BuildWorker');
    expect(raw()).toHaveLength(1);
    expect(raw()[0]).toMatch(/^\{.*\}\n$/);
    const [line] = lines();
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'builder-agent',
      instanceId: 'builder-agent-1234',
      context: 'BuildWorker',
      msg: 'snapshot s1 built',
    });
  });

  it('adds the correlation id in scope, and none outside it', async () => {
    const { service, lines } = capture();
    await runWithCorrelationId('req-42', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      service.warn('inside', 'ctx');
    });
    service.warn('outside', 'ctx');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'inside', correlationId: 'req-42' }),
      expect.not.objectContaining({ correlationId: expect.anything() }),
    ]);
  });

  it("keeps an error's stack apart from its context, as Nest passes them", () => {
    const { service, lines } = capture();
    const error = new Error('boom');
    service.error('handler failed', error.stack, 'rpc');
    service.error(error, 'rpc');
    const [withStack, fromError] = lines();
    expect(withStack).toMatchObject({ level: 'error', context: 'rpc', msg: 'handler failed', stack: error.stack });
    expect(fromError).toMatchObject({ level: 'error', context: 'rpc', msg: 'boom', stack: error.stack });
  });

  it("serves Nest's Logger instances once installed, other levels included", () => {
    const { service, lines } = capture();
    Logger.overrideLogger(service);
    try {
      new Logger('nats:spec').error('connection error');
      new Logger('spec').verbose({ detail: 1 });
    } finally {
      Logger.overrideLogger(new Logger());
    }
    // A missing stack arrives as `undefined`: not a detail of the line.
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'error', context: 'nats:spec', msg: 'connection error' }),
      expect.objectContaining({ level: 'trace', context: 'spec', msg: '{ detail: 1 }' }),
    ]);
    expect(lines()[0]).not.toHaveProperty('details');
  });
});

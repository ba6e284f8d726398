import { pino, type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId } from './correlation-context.js';

/** Who writes the log lines: every line names the service and the process. */
export interface LogIdentity {
  readonly service: string;
  readonly instanceId: string;
}

/**
 * One JSON object per line: `level` (a name), `time` (ISO 8601), `service`, `instanceId`, then the
 * line's own fields, `correlationId` when one is in scope, and `msg`. Synchronous by default, so
 * nothing is lost when a service exits right after logging.
 */
export function createJsonLogger(identity: LogIdentity, destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level: 'trace',
      base: { service: identity.service, instanceId: identity.instanceId },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId === undefined ? {} : { correlationId };
      },
    },
    destination,
  );
}

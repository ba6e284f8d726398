import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { startContainerExec } from '@snapforge/docker';
import { keepSandboxActive } from './activity-heartbeat.js';
import { commandExecOptions, commandTimeoutMessage, readCommandRequest } from './command-request.js';
import type { DataPlaneContext } from './dataplane-context.js';
import { DataPlaneError, engineError } from './dataplane-errors.js';
import { RequestFields } from './request-fields.js';
import { sandboxAccess } from './sandbox-access.js';

/**
 * `POST /execute`: runs a command to its end and answers `{stdout, stderr, exit_code}`; a command
 * past its time-out is killed and answers 408 CommandTimeout. A caller that goes away kills it too.
 */
export function registerExecuteRoute(scope: FastifyInstance, context: DataPlaneContext): void {
  scope.post('/execute', async (request, reply) => {
    const access = sandboxAccess(request);
    const command = readCommandRequest(new RequestFields(request.body, ['body']), 'timeout');
    const execution = await startContainerExec(context.docker, access.containerId, commandExecOptions(command, access.runConfig)).catch(
      (error: unknown) => {
        throw engineError(error, 'starting the command');
      },
    );
    const stopHeartbeat = keepSandboxActive(context.sandboxes, access.sandboxId, context.limits.activityIntervalMs);
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) execution.kill().catch(() => undefined);
    });
    try {
      const [stdout, stderr, exit] = await Promise.all([text(execution.stdout), text(execution.stderr), execution.exited]);
      if (exit.timedOut) throw new DataPlaneError(408, 'CommandTimeout', commandTimeoutMessage(command.timeoutSeconds));
      return { stdout, stderr, exit_code: exit.exitCode };
    } finally {
      stopHeartbeat();
    }
  });
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

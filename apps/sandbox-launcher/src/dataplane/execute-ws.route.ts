import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RawData } from 'ws';
import { startContainerExec } from '@snapforge/docker';
import { keepSandboxActive } from './activity-heartbeat.js';
import { commandExecOptions, readCommandRequest } from './command-request.js';
import { CommandSession, type CommandLifecycle } from './command-session.js';
import { streamCommandToSocket } from './command-socket-stream.js';
import type { DataPlaneContext } from './dataplane-context.js';
import { DataPlaneError, engineError, wsErrorMessage } from './dataplane-errors.js';
import { RequestFields } from './request-fields.js';
import { sandboxAccess, type SandboxAccess } from './sandbox-access.js';

/**
 * WebSocket `/execute/ws`, the langsmith client's protocol. The client sends one of
 * - `{type: "execute", command, timeout_seconds, shell, env?, cwd?, run_config?, command_id?,
 *   close_stdin?, idle_timeout_seconds, kill_on_disconnect, ttl_seconds}`: start the command (or,
 *   when `command_id` names a known one, attach to it from its start);
 * - `{type: "reconnect", command_id, stdout_offset, stderr_offset}`: attach to a known command,
 *   resuming from those byte offsets;
 * and then any of `{type: "input", data}`, `{type: "close_stdin"}`, `{type: "kill"}` (SIGKILL to the
 * command's process group). The server answers as `streamCommandToSocket` says, or with
 * `{type: "error", error_type, error}` (CommandNotFound, ValidationError, NotReady...) and a close.
 * A client that goes away detaches; the command runs on within its lifecycle.
 */
export function registerExecuteWsRoute(scope: FastifyInstance, context: DataPlaneContext): void {
  scope.get('/execute/ws', { websocket: true }, (socket, request) => {
    const access = sandboxAccess(request);
    let session: CommandSession | undefined;
    let stopStreaming: (() => void) | undefined;
    // One message at a time, in order: an input sent right after an execute waits for its command.
    let handled = Promise.resolve();

    const attach = (found: CommandSession, cursor: { stdout: number; stderr: number }) => {
      if (session) throw new DataPlaneError(400, 'InvalidRequest', 'this connection is attached to a command already');
      session = found;
      stopStreaming = streamCommandToSocket(found, socket, { seq: 0, ...cursor });
    };

    const handle = async (raw: RawData) => {
      const message = new RequestFields(parseJson(raw), ['message']);
      const type = message.requiredString('type');
      switch (type) {
        case 'execute':
          return attach(await startOrFind(context, access, message), { stdout: 0, stderr: 0 });
        case 'reconnect': {
          const commandId = message.requiredString('command_id');
          const found = await context.sessions.find(access.sandboxId, commandId);
          if (!found) throw new DataPlaneError(404, 'CommandNotFound', `no command ${commandId} in this sandbox (finished too long ago, or never started)`);
          return attach(found, {
            stdout: message.number('stdout_offset', 0, { min: 0 }),
            stderr: message.number('stderr_offset', 0, { min: 0 }),
          });
        }
        case 'input':
          return session?.sendInput(message.string('data') ?? '');
        case 'close_stdin':
          return session?.closeStdin();
        case 'kill':
          return session?.kill();
        default:
          throw new DataPlaneError(400, 'InvalidRequest', `unknown message type '${type}'`);
      }
    };

    socket.on('message', (raw: RawData) => {
      handled = handled.then(() => handle(raw)).catch((error: unknown) => {
        if (socket.readyState !== socket.OPEN) return;
        socket.send(JSON.stringify(wsErrorMessage(error)));
        socket.close(1000);
      });
    });
    socket.on('close', () => stopStreaming?.());
  });
}

async function startOrFind(context: DataPlaneContext, access: SandboxAccess, message: RequestFields): Promise<CommandSession> {
  const command = readCommandRequest(message, 'timeout_seconds');
  const idleTimeoutSeconds = message.number('idle_timeout_seconds', 300, { min: -1 });
  const ttlSeconds = message.number('ttl_seconds', 600, { min: -1 });
  const lifecycle: CommandLifecycle = {
    idleTimeoutMs: idleTimeoutSeconds < 0 ? undefined : idleTimeoutSeconds * 1000,
    killOnDisconnect: message.boolean('kill_on_disconnect'),
    ttlMs: ttlSeconds < 0 ? context.limits.maxSessionTtlMs : Math.min(ttlSeconds * 1000, context.limits.maxSessionTtlMs),
    timeoutSeconds: command.timeoutSeconds,
  };
  const stdin = !message.boolean('close_stdin');
  const commandId = message.string('command_id') || randomUUID();
  return context.sessions.getOrStart(access.sandboxId, commandId, async () => {
    const options = { ...commandExecOptions(command, access.runConfig), stdin };
    const execution = await startContainerExec(context.docker, access.containerId, options).catch((error: unknown) => {
      throw engineError(error, 'starting the command');
    });
    const session = new CommandSession(commandId, access.sandboxId, execution, lifecycle, context.limits.outputLogBytes);
    const stopHeartbeat = keepSandboxActive(context.sandboxes, access.sandboxId, context.limits.activityIntervalMs);
    void session.ended.then(stopHeartbeat);
    return session;
  });
}

function parseJson(raw: RawData): unknown {
  const bytes = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new DataPlaneError(400, 'InvalidRequest', 'messages must be JSON objects');
  }
}

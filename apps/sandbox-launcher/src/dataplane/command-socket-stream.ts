import type { WebSocket } from 'ws';
import type { OutputCursor } from './command-output-log.js';
import { commandTimeoutMessage } from './command-request.js';
import type { CommandSession } from './command-session.js';

/** Past this much unsent data, a slow client gets more only as the socket drains; the log holds the rest. */
const HIGH_WATER_BYTES = 1024 * 1024;
const BATCH_BYTES = 64 * 1024;

/**
 * Sends a command to a client over its WebSocket: `started`, then its output from `cursor` on
 * (`{type: "stdout" | "stderr", data, offset}`), then `exit` (`{type: "exit", exit_code}`, or a
 * CommandTimeout error) and a normal close. Returns the function that stops it.
 */
export function streamCommandToSocket(session: CommandSession, socket: WebSocket, cursor: OutputCursor): () => void {
  let done = false;
  let waitingForDrain = false;
  let detach: () => void = () => undefined;
  const stop = () => {
    done = true;
    detach();
  };
  const send = (message: object, onWritten?: () => void) => socket.send(JSON.stringify(message), onWritten);
  const drained = () => {
    waitingForDrain = false;
    pump();
  };

  const pump = (): void => {
    if (done || waitingForDrain) return;
    if (socket.readyState !== socket.OPEN) return stop();
    for (;;) {
      if (socket.bufferedAmount >= HIGH_WATER_BYTES) {
        waitingForDrain = true;
        return;
      }
      const chunks = session.log.read(cursor, BATCH_BYTES);
      if (chunks.length === 0) break;
      // The last message's write callback comes once everything before it left: room again.
      chunks.forEach(({ stream, data, offset }, index) =>
        send({ type: stream, data, offset }, index === chunks.length - 1 ? () => waitingForDrain && drained() : undefined),
      );
    }
    const exit = session.exitStatus;
    if (!exit) return;
    send(
      exit.timedOut
        ? { type: 'error', error_type: 'CommandTimeout', error: commandTimeoutMessage(session.lifecycle.timeoutSeconds) }
        : { type: 'exit', exit_code: exit.exitCode },
    );
    socket.close(1000);
    stop();
  };

  send({ type: 'started', command_id: session.id, pid: session.pid });
  detach = session.attach(pump);
  pump();
  return stop;
}

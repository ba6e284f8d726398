import { connect, type NatsConnection } from '@nats-io/transport-node';
import { CliError, errorMessage } from './cli-error.js';
import type { CommandFlags } from './command.js';
import type { CommandLine } from './command-line.js';

export const NATS_FLAGS = {
  nats: { type: 'string', value: 'URL', description: 'NATS server of the installation (else $SNAPFORGE_NATS_URL, else the local one)' },
} as const satisfies CommandFlags;

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Runs `use` with a connection to the installation's NATS (`--nats`, else $SNAPFORGE_NATS_URL), closed
 * afterwards. Unlike a service's connection (`connectNats`), which waits for NATS forever, this one
 * gives up at once: a CLI has to say that NATS is unreachable, not hang.
 */
export async function withCliNats<T>(line: CommandLine, use: (nc: NatsConnection, url: string) => Promise<T>): Promise<T> {
  // @snapforge/messaging brings Nest along, a second of start-up: only the commands that use NATS pay it.
  const { natsUrlFromEnv } = await import('@snapforge/messaging');
  const url = line.string('nats') ?? natsUrlFromEnv();
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: url, name: 'snapforge-cli', timeout: CONNECT_TIMEOUT_MS, maxReconnectAttempts: 0 });
  } catch (error) {
    throw CliError.failed(`cannot reach NATS at ${url} (${errorMessage(error)}): pass --nats or set SNAPFORGE_NATS_URL`);
  }
  try {
    return await use(nc, url);
  } finally {
    await nc.close();
  }
}

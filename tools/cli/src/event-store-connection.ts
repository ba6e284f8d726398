import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore } from '@snapforge/event-store';
import { CliError, errorMessage } from './cli-error.js';
import type { CommandFlags } from './command.js';

export const EVENT_STORE_FLAGS = {
  esdb: {
    type: 'string',
    value: 'URL',
    description: 'read the events from KurrentDB / EventStoreDB at URL, e.g. esdb://127.0.0.1:2113?tls=false (else as $SNAPFORGE_EVENT_STORE says, JetStream on --nats by default)',
  },
} as const satisfies CommandFlags;

/**
 * The installation's event store, read by the CLI itself: KurrentDB when `esdbUrl` is given,
 * else the adapter the services are configured with (SNAPFORGE_EVENT_STORE, JetStream on `nc` by default).
 */
export async function openEventStore(nc: NatsConnection, esdbUrl: string | undefined): Promise<EventStore> {
  const { createEventStore } = await import('@snapforge/event-store');
  try {
    return await createEventStore({ nc, ...(esdbUrl === undefined ? {} : { kind: 'kurrentdb', esdbUrl }) });
  } catch (error) {
    throw CliError.failed(`cannot open the event store${esdbUrl === undefined ? '' : ` at ${esdbUrl}`}: ${errorMessage(error)}`);
  }
}

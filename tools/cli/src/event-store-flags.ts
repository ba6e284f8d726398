import { NATS_FLAGS } from './cli-nats.js';
import type { CommandFlags } from './command.js';

// The flags alone, apart from the connection (event-store-connection.ts): every command's help needs
// them, while the event store, and Nest with it, loads only when a replay command runs.

export const DEFAULT_JETSTREAM_STREAM = 'SNAPFORGE_EVENTS';
export const DEFAULT_SUBJECT_PREFIX = 'snapforge.es';

/** Where the events are: JetStream on the installation's NATS by default, or KurrentDB. */
export const EVENT_STORE_FLAGS = {
  ...NATS_FLAGS,
  'js-stream': { type: 'string', value: 'NAME', description: `JetStream stream holding the events (default ${DEFAULT_JETSTREAM_STREAM})` },
  'js-subjects': {
    type: 'string',
    value: 'PREFIX',
    description: `subject prefix of that stream's events (default ${DEFAULT_SUBJECT_PREFIX}; a second stream on one NATS needs its own)`,
  },
  esdb: {
    type: 'string',
    value: 'URL',
    description: 'KurrentDB / EventStoreDB instead of JetStream, e.g. kurrentdb://127.0.0.1:2113?tls=false (else $SNAPFORGE_ESDB_URL when $SNAPFORGE_EVENT_STORE=kurrentdb)',
  },
} as const satisfies CommandFlags;

import { createEventStore, type EventStore } from '@snapforge/event-store';
import { CliError, errorMessage } from './cli-error.js';
import { withCliNats } from './cli-nats.js';
import type { CommandLine } from './command-line.js';
import { DEFAULT_JETSTREAM_STREAM, DEFAULT_SUBJECT_PREFIX } from './event-store-flags.js';


/**
 * `current`: the store as services see it, every event upcast to its type's current schema version.
 * `stored`: events exactly as written, for moving them between stores.
 */
export type EventForm = 'current' | 'stored';

export interface ConnectedEventStore {
  readonly store: EventStore;
  /** For messages: `JetStream stream SNAPFORGE_EVENTS on nats://…` or `KurrentDB at …`. */
  readonly description: string;
}

/**
 * Runs `use` with the event store the flags name, connected directly (not through the services), and
 * closes it afterwards. An unreachable store is a failure saying where it was looked for.
 */
export async function withEventStore<T>(
  line: CommandLine,
  form: EventForm,
  use: (connected: ConnectedEventStore) => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const storedForm = form === 'stored';
  const esdbUrl = line.string('esdb') ?? (env['SNAPFORGE_EVENT_STORE'] === 'kurrentdb' ? env['SNAPFORGE_ESDB_URL'] : undefined);
  if (esdbUrl !== undefined) {
    const description = `KurrentDB at ${redactedUrl(esdbUrl)}`;
    const store = await opened(description, () => createEventStore({ kind: 'kurrentdb', esdbUrl, storedForm, env: {} }));
    return usedThenClosed({ store, description }, use);
  }
  const streamName = line.string('js-stream') ?? DEFAULT_JETSTREAM_STREAM;
  const subjectPrefix = line.string('js-subjects') ?? DEFAULT_SUBJECT_PREFIX;
  return withCliNats(line, async (nc, url) => {
    const description = `JetStream stream ${streamName} on ${url}`;
    const jetstream = { streamName, subjectPrefix };
    const store = await opened(description, () => createEventStore({ nc, kind: 'jetstream', jetstream, storedForm, env: {} }));
    return usedThenClosed({ store, description }, use);
  });
}

async function opened(description: string, open: () => Promise<EventStore>): Promise<EventStore> {
  try {
    return await open();
  } catch (error) {
    throw CliError.failed(`cannot open the event store (${description}): ${errorMessage(error)}`);
  }
}

async function usedThenClosed<T>(connected: ConnectedEventStore, use: (connected: ConnectedEventStore) => Promise<T>): Promise<T> {
  try {
    return await use(connected);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw CliError.failed(`event store (${connected.description}): ${errorMessage(error)}`);
  } finally {
    await connected.store.close();
  }
}

/** A connection string may carry a password (`kurrentdb://admin:secret@host`): never print it. */
function redactedUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

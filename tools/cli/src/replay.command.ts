import { AGGREGATE_KIND_NAMES, isAggregateKindName } from './aggregate-kind-names.js';
import { ExitCode, CliError } from './cli-error.js';
import type { CliCommand, CommandGroup } from './command.js';
import { EVENT_STORE_FLAGS } from './event-store-flags.js';
import { ISO_TIME_EXPECTED, parseIsoTime } from './iso-time.js';
import { formatFields, formatTable, formatTimestamp, JSON_FLAG, printJson, printLines } from './output-format.js';
import { ProgressLine } from './progress-line.js';
import { rebuildCommand } from './replay-rebuild.command.js';
import { verifyCommand } from './replay-verify.command.js';

// The implementations load the event store and the domain, and with them Nest: imported when a
// replay command runs, so that the other commands do not pay for them at start-up.

const stream: CliCommand = {
  name: 'stream',
  arguments: ['NAME'],
  summary: 'Print the events of one event stream: position, time, type and key fields (upcast to the current schema)',
  flags: { ...JSON_FLAG, ...EVENT_STORE_FLAGS },
  async run(line) {
    const name = line.argument('NAME');
    const [{ toEventRecord }, { eventKeyFields }] = await Promise.all([import('./event-record.js'), import('./event-key-fields.js')]);
    const { withEventStore } = await import('./event-store-connection.js');
    return withEventStore(line, 'current', async ({ store, description }) => {
      const events = await store.readStream(name);
      if (events.length === 0) throw CliError.failed(`no stream '${name}' in ${description} (it has no events)`);
      if (line.flag('json')) {
        printJson(events.map(toEventRecord));
      } else {
        const rows = events.map((event) => {
          const record = toEventRecord(event);
          return [record.position, String(record.revision), formatTimestamp(record.recordedAt), record.type, eventKeyFields(record.data)];
        });
        printLines(formatTable(['POSITION', 'REV', 'TIME', 'TYPE', 'KEY FIELDS'], rows));
      }
      return ExitCode.ok;
    });
  },
};

const status: CliCommand = {
  name: 'status',
  arguments: ['KIND', 'ID'],
  summary: `Show an aggregate's state as it was at a time, folded from its events: KIND is ${AGGREGATE_KIND_NAMES.join(', ')} (ID of a version: PROFILE_ID:VERSION)`,
  flags: {
    at: { type: 'string', value: 'TIME', description: 'ISO 8601 time with a zone, e.g. 2026-11-25T14:00:00Z (default: now)' },
    ...JSON_FLAG,
    ...EVENT_STORE_FLAGS,
  },
  async run(line) {
    const [{ AGGREGATE_KINDS }, { aggregateStatus }, { describeField }] = await Promise.all([
      import('./aggregate-kinds.js'),
      import('./aggregate-status.js'),
      import('./plain-state.js'),
    ]);
    const kindName = line.argument('KIND');
    const id = line.argument('ID');
    if (!isAggregateKindName(kindName)) throw line.usageError(`unknown KIND '${kindName}': expected ${AGGREGATE_KIND_NAMES.join(', ')}`);
    const definition = AGGREGATE_KINDS[kindName];
    const streamName = definition.streamName(id);
    if (streamName === undefined) throw line.usageError(`ID '${id}' is not ${definition.idFormat}`);
    const at = line.converted('at', parseIsoTime, ISO_TIME_EXPECTED) ?? new Date();
    const { withEventStore } = await import('./event-store-connection.js');
    return withEventStore(line, 'current', async ({ store }) => {
      const result = aggregateStatus({ name: kindName, definition }, id, streamName, await store.readStream(streamName), at);
      if (line.flag('json')) {
        printJson(result);
      } else {
        const state = Object.entries(result.state as Record<string, unknown>).map(([field, value]) => [field, describeField(value)] as const);
        printLines(
          `${kindName} ${id} as of ${formatTimestamp(result.at)}`,
          formatFields([
            ['stream', result.streamName],
            ['events', `${result.eventsApplied} of ${result.eventsInStream} (up to revision ${result.revision}, recorded ${formatTimestamp(result.lastEventAt)})`],
            ...state,
          ]),
        );
      }
      return ExitCode.ok;
    });
  },
};

const exportCommand: CliCommand = {
  name: 'export',
  arguments: ['FILE'],
  summary: 'Write every event, in global order and as stored, to a new NDJSON file, with progress on stderr',
  flags: EVENT_STORE_FLAGS,
  async run(line) {
    const file = line.argument('FILE');
    const { exportEvents } = await import('./event-export.js');
    const { withEventStore } = await import('./event-store-connection.js');
    return withEventStore(line, 'stored', async ({ store, description }) => {
      const progress = new ProgressLine();
      const exported = await exportEvents(store, file, progress);
      progress.done(`exported ${exported.events} events of ${exported.streams} streams from ${description} to ${file}`);
      return ExitCode.ok;
    });
  },
};

const importCommand: CliCommand = {
  name: 'import',
  arguments: ['FILE'],
  summary: 'Append the events of an export to an EMPTY event store, keeping streams, revisions, ids, data and metadata',
  flags: EVENT_STORE_FLAGS,
  async run(line) {
    const file = line.argument('FILE');
    const { importEvents } = await import('./event-import.js');
    const { withEventStore } = await import('./event-store-connection.js');
    return withEventStore(line, 'stored', async ({ store, description }) => {
      const progress = new ProgressLine();
      const imported = await importEvents(store, file, progress);
      progress.done(`imported ${imported.events} events of ${imported.streams} streams from ${file} into ${description}`);
      return ExitCode.ok;
    });
  },
};

export const replayCommands: CommandGroup = {
  name: 'replay',
  summary:
    'Event history, read straight from the event store (JetStream on --nats by default, or KurrentDB with --esdb): ' +
    "streams, past states, export and import; rebuild the services' read models and verify them against a replay",
  commands: [stream, status, exportCommand, importCommand, rebuildCommand, verifyCommand],
};

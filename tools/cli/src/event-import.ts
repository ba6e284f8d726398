import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { formatPosition, WrongExpectedVersionError, type EventData, type EventStore, type GlobalPosition } from '@snapforge/event-store';
import { CliError, errorMessage } from './cli-error.js';
import { parseEventRecord, type ImportedEvent } from './event-record.js';
import type { ProgressLine } from './progress-line.js';

export interface ImportSummary {
  readonly events: number;
  readonly streams: number;
}

/** Consecutive events of one stream that the exported store wrote in one commit. */
interface Batch {
  readonly streamName: string;
  readonly firstRevision: number;
  readonly commit: number;
  readonly firstLine: number;
  readonly events: EventData[];
}

/**
 * Appends the events of an export (`replay export`) to an empty `store`, each stream with the
 * revisions it had, the events of one original commit in one append. `store` is to be the stored
 * form, so that events keep the metadata (schema version included) they were exported with.
 */
export async function importEvents(store: EventStore, file: string, progress: ProgressLine): Promise<ImportSummary> {
  const head = await store.headPosition();
  if (head) {
    throw CliError.failed(`the target event store is not empty (its newest event is at ${formatPosition(head)}): import only into an empty store`);
  }
  const input = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => input.once('open', () => resolve()).once('error', reject));
  await opened.catch((error: unknown) => {
    throw CliError.failed(`cannot read ${file}: ${errorMessage(error)}`);
  });
  const streams = new Set<string>();
  let events = 0;
  let batch: Batch | undefined;
  let lineNumber = 0;
  const flush = async (current: Batch) => {
    const expectedRevision = current.firstRevision === 0 ? 'no_stream' : current.firstRevision - 1;
    try {
      await store.append(current.streamName, current.events, { expectedRevision });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      throw CliError.failed(
        `${file}:${current.firstLine}: stream ${current.streamName} is at revision ${String(error.actual)} in the target, ` +
          `but the file goes on at revision ${current.firstRevision}: the file misses events or is not in global order`,
      );
    }
    events += current.events.length;
    streams.add(current.streamName);
    progress.update(() => `imported ${events} events (line ${lineNumber})`);
  };
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const record = parsed(line, file, lineNumber);
    if (batch && continues(batch, record)) {
      batch.events.push(record.event);
      continue;
    }
    if (batch) await flush(batch);
    batch = { streamName: record.streamName, firstRevision: record.revision, commit: record.position.commit, firstLine: lineNumber, events: [record.event] };
  }
  if (batch) await flush(batch);
  return { events, streams: streams.size };
}

function parsed(line: string, file: string, lineNumber: number): ImportedEvent {
  try {
    return parseEventRecord(line);
  } catch (error) {
    throw CliError.failed(`${file}:${lineNumber}: not an exported event: ${errorMessage(error)}`);
  }
}

function continues(batch: Batch, record: { streamName: string; revision: number; position: GlobalPosition }): boolean {
  return (
    record.streamName === batch.streamName &&
    record.position.commit === batch.commit &&
    record.revision === batch.firstRevision + batch.events.length
  );
}

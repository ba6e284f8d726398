import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { formatPosition, type EventStore } from '@snapforge/event-store';
import { CliError, errorMessage } from './cli-error.js';
import { toEventRecord } from './event-record.js';
import type { ProgressLine } from './progress-line.js';

export interface ExportSummary {
  readonly events: number;
  readonly streams: number;
}

/**
 * Writes every event of `store`, in global order, to `file` as NDJSON (one `EventRecord` a line).
 * `store` is to be the stored form: an export keeps events as they were written, schema version and
 * all, so that an import reproduces the store and upcasting still happens on read.
 */
export async function exportEvents(store: EventStore, file: string, progress: ProgressLine): Promise<ExportSummary> {
  const head = await store.headPosition();
  const out = await newFile(file);
  const streams = new Set<string>();
  let events = 0;
  try {
    for await (const event of store.readAll()) {
      if (!out.write(`${JSON.stringify(toEventRecord(event))}\n`)) await once(out, 'drain');
      streams.add(event.streamName);
      events++;
      progress.update(() => `exported ${events} events, at ${formatPosition(event.position)} of ${head ? formatPosition(head) : '-'}`);
    }
    out.end();
    await finished(out);
  } catch (error) {
    // A partial export could be taken for a whole one.
    out.destroy();
    await rm(file, { force: true });
    throw error;
  }
  return { events, streams: streams.size };
}

/** Never overwrites: an existing file may be an earlier export still needed. */
async function newFile(file: string): Promise<WriteStream> {
  const out = createWriteStream(file, { flags: 'wx' });
  try {
    await once(out, 'open');
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw CliError.failed(exists ? `${file} already exists: export writes a new file` : `cannot write ${file}: ${errorMessage(error)}`);
  }
  return out;
}

import type { EventData, RecordedEvent } from '@snapforge/event-store';
import { formatPosition, parsePosition, type GlobalPosition } from '@snapforge/event-store';

/**
 * One event as `replay stream --json` prints it and `replay export` writes it (one per line):
 * plain JSON, the position as `"commit:prepare"`, the time as ISO 8601. `metadata` is absent when
 * the event has none.
 */
export interface EventRecord {
  readonly streamName: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Record<string, unknown>;
  readonly recordedAt: string;
  readonly position: string;
}

export function toEventRecord(event: RecordedEvent): EventRecord {
  return {
    streamName: event.streamName,
    revision: event.revision,
    id: event.id,
    type: event.type,
    data: event.data,
    ...(event.metadata === undefined ? {} : { metadata: event.metadata }),
    recordedAt: event.recordedAt.toISOString(),
    position: formatPosition(event.position),
  };
}

/** A record read back from an export file: what an import needs of it. */
export interface ImportedEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly event: EventData;
  /** Where it was in the exported store: events of one commit were appended together. */
  readonly position: GlobalPosition;
}

/** Parses one line of an export; throws naming the first field that is missing or wrong. */
export function parseEventRecord(line: string): ImportedEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const record = value as Record<string, unknown>;
  const text = (field: string): string => {
    const fieldValue = record[field];
    if (typeof fieldValue !== 'string' || fieldValue === '') throw new Error(`${field} must be a non-empty string`);
    return fieldValue;
  };
  const revision = record['revision'];
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) throw new Error('revision must be a whole number');
  if (!('data' in record)) throw new Error('data is missing');
  const metadata = record['metadata'];
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
    throw new Error('metadata must be a JSON object');
  }
  return {
    streamName: text('streamName'),
    revision,
    event: {
      id: text('id'),
      type: text('type'),
      data: record['data'],
      ...(metadata === undefined ? {} : { metadata: metadata as Record<string, unknown> }),
    },
    position: parsePosition(text('position')),
  };
}

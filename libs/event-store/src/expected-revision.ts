/**
 * What an append expects of the stream: a number is the revision (0-based index) of the stream's last
 * event; `no_stream` that it has no events; `stream_exists` that it has some; `any` no check at all.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** Where a stream stands: the revision of its last event, or `no_stream`. */
export type CurrentRevision = number | 'no_stream';

export function isExpectedRevisionMet(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}

export function assertValidExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`expected revision must be a non-negative integer, 'no_stream', 'stream_exists' or 'any'; got ${expected}`);
  }
}

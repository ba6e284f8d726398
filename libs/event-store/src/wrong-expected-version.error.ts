import type { CurrentRevision, ExpectedRevision } from './expected-revision.js';

/** An append found the stream somewhere else than it expected: someone else wrote first. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'WRONG_EXPECTED_VERSION';

  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(`stream ${JSON.stringify(streamName)}: expected revision ${expected}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

import { decodeSubjectToken, encodeSubjectToken } from '../subject-token.js';

/** Maps event-stream names to JetStream subjects under one prefix, one subject per event stream. */
export class EventStreamSubjects {
  readonly all: string;

  constructor(private readonly prefix: string) {
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(prefix)) {
      throw new Error(`subject prefix must be dot-separated tokens of [A-Za-z0-9_-]: ${JSON.stringify(prefix)}`);
    }
    this.all = `${prefix}.>`;
  }

  subjectOf(streamName: string): string {
    return `${this.prefix}.${encodeSubjectToken(streamName)}`;
  }

  streamNameOf(subject: string): string {
    if (!subject.startsWith(`${this.prefix}.`)) throw new Error(`subject ${subject} is not under ${this.prefix}`);
    return decodeSubjectToken(subject.slice(this.prefix.length + 1));
  }
}

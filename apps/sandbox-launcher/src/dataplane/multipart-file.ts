import { Transform, type TransformCallback } from 'node:stream';

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
const MAX_HEADERS_BYTES = 16 * 1024;

type State = 'preamble' | 'after-delimiter' | 'headers' | 'file' | 'other-part' | 'epilogue';

/** The boundary of a `multipart/form-data` content type, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Streams the content of one part of a `multipart/form-data` body (RFC 7578), the one whose field
 * is named `field`, and drops the rest, holding no more than a delimiter's length of the content
 * back. Fails when the body has no such part or ends inside it.
 */
export class MultipartFileExtractor extends Transform {
  /** Every delimiter but the first follows a CRLF; the first gets one made up, so one search finds all. */
  private pending: Buffer = CRLF;
  private state: State = 'preamble';
  private found = false;
  private readonly delimiter: Buffer;

  constructor(
    boundary: string,
    private readonly field: string,
  ) {
    super();
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      while (this.step()) {
        // each step consumes what it can of `pending` and tells whether another step may make progress
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.state === 'file') return callback(new MultipartError(`the body ended inside the '${this.field}' part`));
    if (!this.found) return callback(new MultipartError(`the body has no part named '${this.field}'`));
    callback();
  }

  private step(): boolean {
    switch (this.state) {
      case 'preamble':
        return this.skipToDelimiter();
      case 'after-delimiter':
        return this.afterDelimiter();
      case 'headers':
        return this.readHeaders();
      case 'file':
      case 'other-part':
        return this.readContent();
      case 'epilogue':
        this.pending = Buffer.alloc(0);
        return false;
    }
  }

  private skipToDelimiter(): boolean {
    const at = this.pending.indexOf(this.delimiter);
    if (at < 0) {
      this.keepTail();
      return false;
    }
    this.pending = this.pending.subarray(at + this.delimiter.length);
    this.state = 'after-delimiter';
    return true;
  }

  /** `--` closes the body; otherwise the rest of the line (transport padding) and a CRLF start a part. */
  private afterDelimiter(): boolean {
    if (this.pending.length < 2) return false;
    if (this.pending[0] === 0x2d && this.pending[1] === 0x2d) {
      this.state = 'epilogue';
      return true;
    }
    const lineEnd = this.pending.indexOf(CRLF);
    if (lineEnd < 0) {
      if (this.pending.length > MAX_HEADERS_BYTES) throw new MultipartError('malformed multipart delimiter line');
      return false;
    }
    this.pending = this.pending.subarray(lineEnd + CRLF.length);
    this.state = 'headers';
    return true;
  }

  private readHeaders(): boolean {
    if (this.pending.length < CRLF.length) return false;
    // A part without headers starts with the empty line at once.
    const end = this.pending.subarray(0, CRLF.length).equals(CRLF) ? 0 : this.pending.indexOf(HEADERS_END);
    if (end < 0) {
      if (this.pending.length > MAX_HEADERS_BYTES) throw new MultipartError('multipart part headers are too large');
      return false;
    }
    const headers = this.pending.subarray(0, end).toString('utf8');
    this.pending = this.pending.subarray(end === 0 ? CRLF.length : end + HEADERS_END.length);
    const wanted = !this.found && fieldName(headers) === this.field;
    this.found ||= wanted;
    this.state = wanted ? 'file' : 'other-part';
    return true;
  }

  private readContent(): boolean {
    const at = this.pending.indexOf(this.delimiter);
    if (at < 0) {
      // All but what could be the start of a delimiter split across chunks.
      const safe = Math.max(this.pending.length - (this.delimiter.length - 1), 0);
      if (this.state === 'file' && safe > 0) this.push(this.pending.subarray(0, safe));
      this.pending = this.pending.subarray(safe);
      return false;
    }
    if (this.state === 'file' && at > 0) this.push(this.pending.subarray(0, at));
    this.pending = this.pending.subarray(at + this.delimiter.length);
    this.state = 'after-delimiter';
    return true;
  }

  private keepTail(): void {
    this.pending = this.pending.subarray(Math.max(this.pending.length - (this.delimiter.length - 1), 0));
  }
}

/** The `name` parameter of a part's Content-Disposition header. */
function fieldName(headers: string): string | undefined {
  const disposition = headers.split('\r\n').find((line) => /^content-disposition\s*:/i.test(line));
  const match = disposition && /;\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition);
  return match ? (match[1]?.replace(/\\(.)/g, '$1') ?? match[2]) : undefined;
}

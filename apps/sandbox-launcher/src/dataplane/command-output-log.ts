export type OutputStream = 'stdout' | 'stderr';

/** Text one stream produced, starting `offset` bytes (of UTF-8) into that stream. */
export interface OutputChunk {
  readonly stream: OutputStream;
  readonly offset: number;
  readonly data: string;
}

/**
 * Where a reader is: the next entry of the log to look at, and how many bytes of each stream it has.
 * A reader that attaches with the offsets it has starts at `{ seq: 0, stdout, stderr }`.
 */
export interface OutputCursor {
  seq: number;
  stdout: number;
  stderr: number;
}

interface Entry extends OutputChunk {
  readonly seq: number;
  readonly bytes: number;
}

/**
 * A command's output, stdout and stderr interleaved in the order they came, for readers who attach
 * late or come back: bounded, the oldest output going first. Offsets count bytes of the UTF-8 text
 * as sent, which is what a client adds up from the chunks it received.
 */
export class CommandOutputLog {
  private entries: Entry[] = [];
  /** Entries before this index are dropped; they are cut off in batches, not one by one. */
  private head = 0;
  private nextSeq = 0;
  private retainedBytes = 0;
  private readonly ends: Record<OutputStream, number> = { stdout: 0, stderr: 0 };

  constructor(private readonly capacityBytes: number) {}

  append(stream: OutputStream, data: string): void {
    if (data === '') return;
    const bytes = Buffer.byteLength(data);
    this.entries.push({ seq: this.nextSeq++, stream, offset: this.ends[stream], data, bytes });
    this.ends[stream] += bytes;
    this.retainedBytes += bytes;
    while (this.retainedBytes > this.capacityBytes && this.head < this.entries.length - 1) {
      this.retainedBytes -= (this.entries[this.head] as Entry).bytes;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * The output after `cursor`, up to about `maxBytes`, trimmed to what the reader lacks; advances
   * the cursor. Output dropped from the log before the reader got it is skipped.
   */
  read(cursor: OutputCursor, maxBytes: number): OutputChunk[] {
    const first = this.entries[this.head];
    if (!first) return [];
    const chunks: OutputChunk[] = [];
    let bytes = 0;
    for (let index = this.head + Math.max(cursor.seq - first.seq, 0); index < this.entries.length && bytes < maxBytes; index++) {
      const entry = this.entries[index] as Entry;
      cursor.seq = entry.seq + 1;
      const has = cursor[entry.stream];
      if (has >= entry.offset + entry.bytes) continue;
      const skip = Math.max(has - entry.offset, 0);
      const data = skip === 0 ? entry.data : Buffer.from(entry.data).subarray(skip).toString();
      chunks.push({ stream: entry.stream, offset: entry.offset + skip, data });
      cursor[entry.stream] = entry.offset + entry.bytes;
      bytes += entry.bytes - skip;
    }
    return chunks;
  }
}

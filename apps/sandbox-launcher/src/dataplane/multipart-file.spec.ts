import { Readable } from 'node:stream';
import { MultipartError, MultipartFileExtractor, multipartBoundary } from './multipart-file.js';

const BOUNDARY = '----formdata-spec-7f3a';

function body(parts: string[]): string {
  return `${parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('')}--${BOUNDARY}--\r\n`;
}

/** Feeds `input` in pieces of `pieceBytes`, as a network would. */
async function extract(input: string | Buffer, pieceBytes = 3): Promise<Buffer> {
  const bytes = Buffer.from(input);
  const pieces = Array.from({ length: Math.ceil(bytes.length / pieceBytes) }, (_, index) => bytes.subarray(index * pieceBytes, (index + 1) * pieceBytes));
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.from(pieces).pipe(new MultipartFileExtractor(BOUNDARY, 'file'))) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('multipartBoundary', () => {
  it('reads the boundary of multipart/form-data only', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b;c"')).toBe('a b;c');
    expect(multipartBoundary('multipart/mixed; boundary=x')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });
});

describe('MultipartFileExtractor', () => {
  it('streams the content of the part named file, whatever the chunking', async () => {
    const content = `line one\r\n--${BOUNDARY.slice(0, 8)} not a delimiter\r\n\r\nend`;
    const input = body([
      'Content-Disposition: form-data; name="before"\r\n\r\nignored',
      `Content-Disposition: form-data; name="file"; filename="f.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${content}`,
      'Content-Disposition: form-data; name="after"\r\n\r\nignored too',
    ]);
    for (const pieceBytes of [1, 2, 7, 64, 100_000]) {
      expect((await extract(`preamble\r\n${input}`, pieceBytes)).toString()).toBe(content);
    }
  });

  it('passes binary content through unchanged, and an empty file as empty', async () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7) % 256));
    const input = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="b"\r\n\r\n`),
      binary,
      Buffer.from(`\r\n--${BOUNDARY}--`),
    ]);
    expect((await extract(input, 1000)).equals(binary)).toBe(true);
    expect(await extract(body(['Content-Disposition: form-data; name="file"\r\n\r\n']))).toEqual(Buffer.alloc(0));
  });

  it('fails without a part named file, or when the body ends inside it', async () => {
    await expect(extract(body(['Content-Disposition: form-data; name="other"\r\n\r\nx']))).rejects.toThrow(MultipartError);
    await expect(extract(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n\r\ncut short`)).rejects.toThrow(
      "the body ended inside the 'file' part",
    );
  });
});

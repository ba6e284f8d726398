import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { API_KEY, useDataPlane } from './dataplane-harness.test.js';

const FILE_BYTES = 200 * 1024 * 1024;
const BLOCK_BYTES = 64 * 1024;
/**
 * What this process (client and server) may grow by while 200 MB pass through it twice. Holding
 * either transfer would take the whole file; streaming takes some 70 MB here, garbage mostly (the
 * buffers that went through, which Node frees lazily) and allocator slack.
 */
const MAX_RSS_GROWTH_BYTES = FILE_BYTES / 2;

describe('data plane: 200 MB up and down without holding the file in memory', () => {
  const dataPlane = useDataPlane();

  it('streams a 200 MB upload into the sandbox and a 200 MB download out of it', async () => {
    const rss = rssPeak();
    const boundary = `spec-${randomBytes(8).toString('hex')}`;
    const sent = createHash('sha256');
    async function* multipartBody() {
      yield `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big"\r\nContent-Type: application/octet-stream\r\n\r\n`;
      for (let offset = 0; offset < FILE_BYTES; offset += BLOCK_BYTES) {
        // Fresh random blocks: nothing in the path can shortcut repeated content.
        const block = randomBytes(BLOCK_BYTES);
        sent.update(block);
        yield block;
      }
      yield `\r\n--${boundary}--\r\n`;
    }

    const uploaded = await post(`${dataPlane.dataplaneUrl()}/upload?path=/data/big.bin`, `multipart/form-data; boundary=${boundary}`, Readable.from(multipartBody()));
    expect(uploaded).toEqual({ status: 200, body: { path: '/data/big.bin', size: FILE_BYTES } });
    const digest = sent.digest('hex');
    expect(await dataPlane.sh('sha256sum /data/big.bin')).toBe(`${digest}  /data/big.bin\n`);

    const response = await fetch(`${dataPlane.dataplaneUrl()}/download?path=/data/big.bin`, { headers: { 'x-api-key': API_KEY } });
    expect(response.headers.get('content-length')).toBe(String(FILE_BYTES));
    const received = createHash('sha256');
    let receivedBytes = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      received.update(chunk);
      receivedBytes += chunk.length;
    }
    expect(receivedBytes).toBe(FILE_BYTES);
    expect(received.digest('hex')).toBe(digest);
    expect(rss.stop()).toBeLessThan(MAX_RSS_GROWTH_BYTES);
  }, 300_000);
});

/** Samples this process's resident set while it runs; `stop()` answers its largest growth. */
function rssPeak(): { stop(): number } {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) - baseline;
    },
  };
}

/** A streamed (chunked) POST: fetch would want the body whole or a web stream. */
async function post(url: string, contentType: string, body: Readable): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: { 'content-type': contentType, 'x-api-key': API_KEY } }, async (response) => {
      let text = '';
      for await (const chunk of response) text += chunk;
      resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
    });
    outgoing.on('error', reject);
    pipeline(body, outgoing).catch(reject);
  });
}

import { request } from 'node:http';
import * as langsmith from 'langsmith/sandbox';
import type { Sandbox } from 'langsmith/sandbox';
import { API_KEY, langsmithSandbox, SANDBOX_ID, useDataPlane } from './dataplane-harness.test.js';

describe('data plane: upload and download, with the langsmith client', () => {
  const dataPlane = useDataPlane({ runConfig: { workDir: '/tmp' } });
  let sandbox: Sandbox;
  const download = (path: string, init: RequestInit = {}) =>
    fetch(`${dataPlane.dataplaneUrl()}/download?path=${encodeURIComponent(path)}`, {
      ...init,
      headers: { 'x-api-key': API_KEY, ...init.headers },
    });

  beforeAll(() => {
    sandbox = langsmithSandbox(langsmith, dataPlane.dataplaneUrl());
  });

  it('writes a file, creating its directories, and reads it back', async () => {
    await sandbox.write('/data/new/dir/hello.txt', 'hello, wörld\n');
    expect(new TextDecoder().decode(await sandbox.read('/data/new/dir/hello.txt'))).toBe('hello, wörld\n');
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    await sandbox.write('binary.bin', bytes);
    expect(await sandbox.read('/tmp/binary.bin')).toEqual(bytes);
    expect(await dataPlane.sh('ls -l /tmp/binary.bin | cut -c1-10')).toBe('-rw-r--r--\n');
    expect(dataPlane.requests).toEqual(expect.arrayContaining([`POST /sandboxes/${SANDBOX_ID}/upload`, `GET /sandboxes/${SANDBOX_ID}/download`]));
  });

  it("resolves paths inside the sandbox: `..` from its working directory stops at the container's root", async () => {
    const passwd = new TextDecoder().decode(await sandbox.read('../../../../etc/passwd'));
    expect(passwd).toBe('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n');
  });

  it('stats a file with HEAD: size, ETag, Last-Modified, and no body', async () => {
    await sandbox.write('/tmp/ten.txt', '0123456789');
    const stat = await sandbox.stat('/tmp/ten.txt');
    expect(stat).toMatchObject({ size_bytes: 10, content_type: 'application/octet-stream' });
    expect(stat.etag).toMatch(/^"[0-9a-f]+-a-[0-9a-f]+"$/);
    expect(new Date(stat.last_modified ?? '').getTime()).toBeGreaterThan(Date.now() - 60_000);
    const head = await download('/tmp/ten.txt', { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('10');
    expect(await head.text()).toBe('');
  });

  it('serves ranges (206 with Content-Range), suffixes, and the whole file again once it changed (If-Range)', async () => {
    await sandbox.write('/tmp/range.txt', '0123456789');
    const middle = await sandbox.readRange('/tmp/range.txt', { start: 2, end: 4 });
    expect(middle).toMatchObject({ partial: true, start: 2, total_bytes: 10 });
    expect(new TextDecoder().decode(middle.content)).toBe('234');
    const tail = await sandbox.readRange('/tmp/range.txt', { suffixBytes: 3 });
    expect(new TextDecoder().decode(tail.content)).toBe('789');
    const rest = await sandbox.readRange('/tmp/range.txt', { start: 8, ifRange: middle.etag });
    expect(new TextDecoder().decode(rest.content)).toBe('89');

    await sandbox.write('/tmp/range.txt', 'changed!!!');
    const stale = await sandbox.readRange('/tmp/range.txt', { start: 8, ifRange: middle.etag });
    expect(stale).toMatchObject({ partial: false, start: 0 });
    expect(new TextDecoder().decode(stale.content)).toBe('changed!!!');
    expect(stale.etag).not.toBe(middle.etag);
  });

  it('answers 416 for a range past the end, and 304 for an ETag the client has', async () => {
    await sandbox.write('/tmp/small.txt', 'abc');
    await expect(sandbox.readRange('/tmp/small.txt', { start: 3 })).rejects.toThrow(/past the end .*bytes \*\/3/);
    const { etag } = await sandbox.stat('/tmp/small.txt');
    await expect(sandbox.readRange('/tmp/small.txt', { start: 0, ifNoneMatch: etag })).resolves.toMatchObject({ unchanged: true });
    expect((await download('/tmp/small.txt', { headers: { 'if-none-match': `"other", ${etag}` } })).status).toBe(304);
  });

  it('answers 404 FileNotFound for a missing file and ReadError for a directory', async () => {
    await expect(sandbox.read('/tmp/missing.txt')).rejects.toBeInstanceOf(langsmith.LangSmithResourceNotFoundError);
    const missing = await download('/tmp/missing.txt');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: { error: 'FileNotFound', message: 'no file at /tmp/missing.txt' } });
    await expect(sandbox.read('/etc')).rejects.toMatchObject({ errorType: 'ReadError' });
  });

  it('fails a write the sandbox refuses with WriteError, and a request without a path with 422', async () => {
    await expect(sandbox.write('/etc', 'not a directory')).rejects.toMatchObject({ errorType: 'WriteError' });
    const noPath = await fetch(`${dataPlane.dataplaneUrl()}/upload`, { method: 'POST', headers: { 'x-api-key': API_KEY }, body: new FormData() });
    expect(noPath.status).toBe(422);
    expect(await noPath.json()).toMatchObject({ detail: [{ loc: ['query', 'path'] }] });
    const notMultipart = await fetch(`${dataPlane.dataplaneUrl()}/upload?path=/tmp/x`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/octet-stream' },
      body: 'raw',
    });
    expect(notMultipart.status).toBe(415);
    expect(await notMultipart.json()).toMatchObject({ detail: { error: 'InvalidRequest' } });
  });

  it('leaves the file as it was when the client goes away in the middle of an upload', async () => {
    await sandbox.write('/tmp/kept.txt', 'original');
    const boundary = 'spec-aborted-upload';
    const upload = request(`${dataPlane.dataplaneUrl()}/upload?path=/tmp/kept.txt`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    upload.on('error', () => undefined);
    upload.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n${'partial '.repeat(10_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    upload.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(new TextDecoder().decode(await sandbox.read('/tmp/kept.txt'))).toBe('original');
    expect(await dataPlane.sh('ls -A /tmp | grep -c snapforge-upload')).toBe('0\n');
  });

  it('refuses file requests without the right API key', async () => {
    await expect(langsmithSandbox(langsmith, dataPlane.dataplaneUrl(), 'wrong-key').read('/etc/passwd')).rejects.toThrow('missing or unknown API key');
    expect((await fetch(`${dataPlane.dataplaneUrl()}/download?path=/etc/passwd`)).status).toBe(401);
  });
});

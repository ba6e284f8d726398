import type { NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { connectNats } from './nats-connection.js';
import { ensureOutputStream, OutputWriter, readOutput, type OutputStreamConfig } from './output-stream.js';

const config: OutputStreamConfig = { stream: 'TEST_OUTPUT', subjectPrefix: 'test.output', endHeader: 'Test-End' };

describe('job output streams', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connectNats('output-stream-spec', server.url);
    await ensureOutputStream(nc, config);
  });

  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  async function collect(lines: AsyncIterable<string>): Promise<string> {
    let text = '';
    for await (const line of lines) text += line;
    return text;
  }

  it('reads what is stored, then stops, when not following', async () => {
    const writer = new OutputWriter(nc, config, 'test.output.a');
    writer.write('one');
    writer.write('two\n');
    await writer.end('done');
    await expect(collect(readOutput(nc, config, 'test.output.a', { follow: false }))).resolves.toBe('one\ntwo\ndone\n');
  });

  it('ends at once for a job without output when not following', async () => {
    await expect(collect(readOutput(nc, config, 'test.output.none', { follow: false }))).resolves.toBe('');
  });

  it('follows live lines until the end marker', async () => {
    const writer = new OutputWriter(nc, config, 'test.output.b');
    writer.write('early');
    const reading = collect(readOutput(nc, config, 'test.output.b', { follow: true }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    writer.write('late');
    await writer.end('finished');
    await expect(reading).resolves.toBe('early\nlate\nfinished\n');
  });

  it('stops following when the reader aborts', async () => {
    const controller = new AbortController();
    const reading = collect(readOutput(nc, config, 'test.output.c', { follow: true, signal: controller.signal }));
    setTimeout(() => controller.abort(), 200);
    await expect(reading).resolves.toBe('');
  });

  it('ends the output only once the outcome is recorded, and also when recording it fails', async () => {
    const writer = new OutputWriter(nc, config, 'test.output.d');
    const reading = collect(readOutput(nc, config, 'test.output.d', { follow: true }));
    let recorded = false;
    const outcome = writer.endAfter(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      recorded = true;
      return 'ready';
    }, 'done');
    await expect(reading.then((text) => ({ text, recorded }))).resolves.toEqual({ text: 'done\n', recorded: true });
    await expect(outcome).resolves.toBe('ready');

    const failing = new OutputWriter(nc, config, 'test.output.e');
    await expect(failing.endAfter(() => Promise.reject(new Error('orchestrator away')), 'gave up')).rejects.toThrow('orchestrator away');
    await expect(collect(readOutput(nc, config, 'test.output.e', { follow: false }))).resolves.toBe('gave up\n');
  });

  it('holds lines until the job is known to be the writer\'s, and drops them when it is not', async () => {
    let own: (owned: boolean) => void = () => undefined;
    const owner = new OutputWriter(nc, config, 'test.output.f', new Promise((resolve) => (own = resolve)));
    owner.write('pulling');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(collect(readOutput(nc, config, 'test.output.f', { follow: false }))).resolves.toBe('');
    own(true);
    await owner.end('done');
    await expect(collect(readOutput(nc, config, 'test.output.f', { follow: false }))).resolves.toBe('pulling\ndone\n');

    for (const notOwned of [Promise.resolve(false), Promise.reject(new Error('orchestrator away'))]) {
      const other = new OutputWriter(nc, config, 'test.output.f', notOwned);
      other.write('pulling again');
      await other.end('done again');
    }
    await expect(collect(readOutput(nc, config, 'test.output.f', { follow: false }))).resolves.toBe('pulling\ndone\n');
  });
});

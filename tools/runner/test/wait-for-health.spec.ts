import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { freePort } from '@snapforge/testing';
import type { ServiceProcess } from '../service-process.js';
import { waitForHealth } from '../wait-for-health.js';

const running = (name: string): ServiceProcess => ({
  name,
  child: spawn('true'),
  exited: new Promise<string>(() => undefined),
  stop: async () => undefined,
});

async function gateway(answer: () => { status: number; body: unknown }): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const server = createServer((_, res) => {
    const { status, body } = answer();
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/healthz`, server };
}

describe('waitForHealth', () => {
  it('waits through 503 answers until the gateway answers 200', async () => {
    let calls = 0;
    const { url, server } = await gateway(() => (++calls < 3 ? { status: 503, body: {} } : { status: 200, body: { status: 'ok' } }));
    try {
      await waitForHealth(url, [running('api-gateway')], 10_000);
      expect(calls).toBe(3);
    } finally {
      server.close();
    }
  });

  it('names the services the last answer did not report as ok when time runs out', async () => {
    const body = { status: 'degraded', services: { scheduler: { status: 'unavailable', error: 'no reply' }, 'api-gateway': { status: 'ok' } } };
    const { url, server } = await gateway(() => ({ status: 503, body }));
    try {
      await expect(waitForHealth(url, [running('api-gateway'), running('scheduler')], 1_500)).rejects.toThrow(
        /did not answer 200 within 1\.5 s; not healthy: scheduler \(unavailable: no reply\)/,
      );
    } finally {
      server.close();
    }
  });

  it('fails at once when a service process ends while starting', async () => {
    const crashed: ServiceProcess = { ...running('builder-agent'), exited: Promise.resolve('exited with code 1') };
    const started = Date.now();
    await expect(waitForHealth(`http://127.0.0.1:${await freePort()}/healthz`, [crashed], 30_000)).rejects.toThrow(
      'builder-agent exited with code 1 while starting',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

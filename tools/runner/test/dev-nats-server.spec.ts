import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { freePort, tempDir } from '@snapforge/testing';
import { startDevNatsServer } from '../dev-nats-server.js';
import { isRunning } from '../process-control.js';

describe('startDevNatsServer', () => {
  it('starts JetStream in the data directory, takes over a server a killed run left, and stops it', async () => {
    const dir = await tempDir('dev-nats');
    const port = await freePort();
    const first = await startDevNatsServer(dir.path, port);
    try {
      expect(first.adopted).toBe(false);
      const nc = await connect({ servers: first.url });
      expect(nc.info?.jetstream).toBe(true);
      await nc.close();
      expect(existsSync(join(dir.path, 'nats/jetstream'))).toBe(true);

      // A run killed with SIGKILL never calls stop(): the next run finds the server by its pid file.
      const second = await startDevNatsServer(dir.path, port);
      expect(second).toMatchObject({ adopted: true, pid: first.pid, url: first.url });
      await second.stop();
      expect(isRunning(first.pid)).toBe(false);
      expect(existsSync(join(dir.path, 'nats-server.pid'))).toBe(false);
    } finally {
      await first.stop();
      await dir.remove();
    }
  });

  it('refuses a port that something it did not start listens on', async () => {
    const dir = await tempDir('dev-nats');
    const port = await freePort();
    const other = await startDevNatsServer(join(dir.path, 'other'), port);
    try {
      await expect(startDevNatsServer(join(dir.path, 'mine'), port)).rejects.toThrow(
        `something that this runner did not start listens on 127.0.0.1:${port}`,
      );
    } finally {
      await other.stop();
      await dir.remove();
    }
  });
});

import { connect } from '@nats-io/transport-node';
import { existsSync } from 'node:fs';
import { startNatsServer } from './nats-server.js';

describe('startNatsServer', () => {
  it('starts an isolated JetStream server that stops and leaves no store behind', async () => {
    const server = await startNatsServer();
    try {
      const nc = await connect({ servers: server.url });
      const info = nc.info;
      await nc.close();
      expect(info?.jetstream).toBe(true);
      expect(info?.port).toBe(server.port);
    } finally {
      await server.stop();
    }
    expect(existsSync(server.storeDir)).toBe(false);
  });
});

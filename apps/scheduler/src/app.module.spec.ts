import type { INestMicroservice } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { healthRpc } from '@snapforge/contracts';
import { bootstrapService, connectNats, RpcClient } from '@snapforge/messaging';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { AppModule } from './app.module.js';

describe('scheduler', () => {
  let nats: NatsServerHandle;
  let service: INestMicroservice;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await startNatsServer();
    process.env.SNAPFORGE_NATS_URL = nats.url;
    process.env.SNAPFORGE_OPS_PORT = '0';
    service = await bootstrapService('scheduler', AppModule);
    nc = await connectNats('spec', nats.url);
  });

  afterAll(async () => {
    await nc?.close();
    await service?.close();
    await nats?.stop();
  });

  it('boots and answers its health check over NATS', async () => {
    await expect(new RpcClient(nc).request(healthRpc('scheduler'), {})).resolves.toMatchObject({ service: 'scheduler', status: 'ok' });
  });
});

import type { INestMicroservice, Type } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { connectNats } from './nats-connection.js';
import { RpcClient } from './rpc-client.js';
import { bootstrapService } from './service-bootstrap.js';

export interface ServiceOnNats {
  readonly server: NatsServerHandle;
  /** The spec's own connection, apart from the service's. */
  readonly nc: NatsConnection;
  readonly client: RpcClient;
}

/**
 * For specs: `module` started as the scheduler service the way every service starts, on a nats-server
 * of its own, and a client connection named `clientName`. Bound to the enclosing `describe`: ready in
 * `beforeAll`, stopped in `afterAll`; its members may only be used inside tests and hooks.
 */
export function useServiceOnNats(module: Type<unknown>, clientName: string): ServiceOnNats {
  let running: ServiceOnNats | undefined;
  let service: INestMicroservice | undefined;
  beforeAll(async () => {
    const server = await startNatsServer();
    process.env.SNAPFORGE_NATS_URL = server.url;
    process.env.SNAPFORGE_OPS_PORT = '0';
    service = await bootstrapService('scheduler', module);
    const nc = await connectNats(clientName, server.url);
    running = { server, nc, client: new RpcClient(nc) };
  });
  afterAll(async () => {
    await running?.nc.close();
    await service?.close();
    await running?.server.stop();
  });
  const get = (): ServiceOnNats => {
    if (!running) throw new Error('useServiceOnNats: used outside a test or hook');
    return running;
  };
  return {
    get server() {
      return get().server;
    },
    get nc() {
      return get().nc;
    },
    get client() {
      return get().client;
    },
  };
}

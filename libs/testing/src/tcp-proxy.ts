import { createConnection, createServer, type Socket } from 'node:net';
import { onCleanup } from './test-resources.js';

export interface TcpProxy {
  /** `127.0.0.1:PORT` */
  readonly address: string;
  readonly port: number;
  /** From now on, connections are forwarded (held ones too): the network "comes back". */
  release(): void;
  stop(): Promise<void>;
}

/**
 * A loopback TCP proxy to `target` that can hold connections: accepted but silent until released
 * (or forever, for a server that never answers). Lets a test make a pull hang for real.
 */
export async function startTcpProxy(target: { host: string; port: number }, options: { hold: boolean }): Promise<TcpProxy> {
  let holding = options.hold;
  const held: Socket[] = [];
  const sockets = new Set<Socket>();
  const forward = (client: Socket) => {
    const upstream = createConnection(target);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  };
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.pause();
    if (holding) held.push(client);
    else {
      client.resume();
      forward(client);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const stop = onCleanup(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    address: `127.0.0.1:${port}`,
    port,
    release() {
      holding = false;
      for (const client of held.splice(0)) {
        client.resume();
        forward(client);
      }
    },
    stop,
  };
}

import type { ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';
import { spawnListening } from './listening-process.js';
import { onCleanup, tempDir } from './test-resources.js';

export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** Stops the server and removes its JetStream directory. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL) and starts it again on the same port and store: a crash and recovery. */
  restart(): Promise<void>;
}

/** Starts an isolated nats-server with JetStream on a free loopback port and its own store directory. */
export async function startNatsServer(): Promise<NatsServerHandle> {
  const port = await freePort();
  const store = await tempDir('nats');
  let child = await launch(port, store.path);
  const stopProcess = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  const release = onCleanup(async () => {
    await stopProcess('SIGTERM');
    await store.remove();
  });
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir: store.path,
    stop: release,
    async restart() {
      await stopProcess('SIGKILL');
      child = await launch(port, store.path);
    },
  };
}

function launch(port: number, storeDir: string): Promise<ChildProcess> {
  return spawnListening('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], port, 'nats-server');
}

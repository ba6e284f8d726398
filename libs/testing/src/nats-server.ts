import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './free-port.js';
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

async function launch(port: number, storeDir: string): Promise<ChildProcess> {
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`nats-server could not start (is the Debian package nats-server installed?): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`nats-server exited with ${code} before it was ready:\n${output}`)));
  });
  await Promise.race([waitForPort(port, 10_000), failed]);
  child.removeAllListeners('exit');
  return child;
}

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitForPort } from '@snapforge/testing';
import { commandLine, isRunning, stopProcess } from './process-control.js';

export interface DevNatsServer {
  readonly url: string;
  readonly pid: number;
  /** True when a server that an earlier run started (and did not stop) was taken over. */
  readonly adopted: boolean;
  /** Stops the server; its JetStream store stays for the next run. */
  stop(): Promise<void>;
}

/**
 * The development NATS with JetStream in `.snapforge/nats`. A server that an earlier run left behind
 * (known by its pid file) is taken over, since a second one could not share the store anyway.
 */
export async function startDevNatsServer(dataDir: string, port: number): Promise<DevNatsServer> {
  const storeDir = join(dataDir, 'nats');
  const pidFile = join(dataDir, 'nats-server.pid');
  const logFile = join(dataDir, 'nats-server.log');
  const args = ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)];
  const handle = (pid: number, adopted: boolean): DevNatsServer => ({
    url: `nats://127.0.0.1:${port}`,
    pid,
    adopted,
    async stop() {
      await stopProcess(pid);
      await rm(pidFile, { force: true });
    },
  });

  const leftover = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
  if (leftover && isRunning(leftover) && commandLine(leftover)[0]?.endsWith('nats-server')) {
    if (commandLine(leftover).slice(1).join(' ') === args.join(' ')) return handle(leftover, true);
    await stopProcess(leftover);
  }
  if (await waitForPort(port, 0).then(() => true, () => false)) {
    throw new Error(`something that this runner did not start listens on 127.0.0.1:${port}: stop it, or set SNAPFORGE_NATS_PORT`);
  }

  await mkdir(storeDir, { recursive: true });
  const log = openSync(logFile, 'a');
  // Detached: Ctrl-C reaches only the runner, which stops NATS after the services that use it.
  const child = spawn('nats-server', args, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`could not start nats-server (is the Debian package nats-server installed?): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}; see ${logFile}`)));
  });
  try {
    await Promise.race([waitForPort(port, 15_000), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  child.removeAllListeners('exit');
  child.unref();
  const pid = child.pid ?? 0;
  await writeFile(pidFile, `${pid}\n`);
  return handle(pid, false);
}

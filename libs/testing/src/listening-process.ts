import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/**
 * Spawns a server from a Debian package and resolves once it listens on the loopback port; a server
 * that exits or does not listen in time fails with the end of its stderr (and is not left running).
 */
export async function spawnListening(command: string, args: readonly string[], port: number, debianPackage: string): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`${command} could not start (is the Debian package ${debianPackage} installed?): ${error.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code} before it listened:\n${output}`)));
  });
  try {
    await Promise.race([waitForPort(port, 10_000), failed]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    child.removeAllListeners('exit');
  }
  return child;
}

/** Stops a child process and resolves once it has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
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

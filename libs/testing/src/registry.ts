import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import type Docker from 'dockerode';
import { stringify } from 'yaml';
import { followProgress, splitReference } from '@snapforge/docker';
import { freePort } from './free-port.js';
import { spawnListening, stopChild } from './listening-process.js';
import { onCleanup, tempDir } from './test-resources.js';

export interface RegistryHandle {
  /** `127.0.0.1:PORT`: the registry part of image references, and the `serveraddress` for auth. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** Holds the configuration, the htpasswd file and the stored images. */
  readonly storageDir: string;
  /** Stops the registry and removes its storage. */
  stop(): Promise<void>;
}

export interface RegistryOptions {
  readonly username?: string;
  readonly password?: string;
}

/**
 * Starts Debian's `docker-registry` on a free loopback port with htpasswd auth and its own storage.
 * The Docker Engine talks plain HTTP to registries on 127.0.0.0/8, so no TLS is needed.
 */
export async function startRegistry(options: RegistryOptions = {}): Promise<RegistryHandle> {
  const username = options.username ?? 'snapforge';
  const password = options.password ?? randomBytes(12).toString('hex');
  const host = '127.0.0.1';
  const port = await freePort();
  const dir = await tempDir('registry');
  await mkdir(join(dir.path, 'storage'));
  await writeFile(join(dir.path, 'htpasswd'), `${username}:${bcrypt.hashSync(password, 10)}\n`);
  const config = {
    version: '0.1',
    log: { level: 'warn' },
    storage: { filesystem: { rootdirectory: join(dir.path, 'storage') }, delete: { enabled: true } },
    http: { addr: `${host}:${port}`, secret: randomBytes(16).toString('hex') },
    auth: { htpasswd: { realm: 'snapforge-test', path: join(dir.path, 'htpasswd') } },
  };
  await writeFile(join(dir.path, 'config.yml'), stringify(config));
  const child = await spawnListening('docker-registry', ['serve', join(dir.path, 'config.yml')], port, 'docker-registry').catch(
    async (error: unknown) => {
      await dir.remove();
      throw error;
    },
  );
  const stop = onCleanup(async () => {
    await stopChild(child);
    await dir.remove();
  });
  return { url: `${host}:${port}`, host, port, username, password, storageDir: dir.path, stop };
}

/** The credentials the Docker Engine wants for pushes and pulls, optionally with another password. */
export function registryAuth(registry: RegistryHandle, password = registry.password): Docker.AuthConfig {
  return { username: registry.username, password, serveraddress: registry.url };
}

/**
 * Pushes a local image into the registry as `name` (`repo:tag`) and returns the remote reference.
 * The local tag that the push needs is removed again, so the test owns nothing new locally.
 */
export async function pushToRegistry(docker: Docker, registry: RegistryHandle, localRef: string, name: string): Promise<string> {
  const remoteRef = `${registry.url}/${name}`;
  const { repo, tag } = splitReference(remoteRef);
  await docker.getImage(localRef).tag({ repo, tag });
  try {
    await followProgress(docker, await docker.getImage(remoteRef).push({ authconfig: registryAuth(registry) }));
  } finally {
    await docker.getImage(remoteRef).remove({ noprune: true });
  }
  return remoteRef;
}

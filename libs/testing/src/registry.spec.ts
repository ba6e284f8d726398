import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { makeTestImage, followProgress } from '@snapforge/docker';
import { TEST_LABELS, useDocker } from './docker-for-tests.js';
import { pushToRegistry, registryAuth, startRegistry, type RegistryHandle } from './registry.js';

describe('startRegistry', () => {
  const env = useDocker();
  let registry: RegistryHandle;

  beforeAll(async () => {
    registry = await startRegistry({ username: 'alice', password: 'correct horse' });
  });
  afterAll(() => registry.stop());

  it('serves the registry API on loopback behind htpasswd (bcrypt) auth', async () => {
    expect(registry.url).toBe(`127.0.0.1:${registry.port}`);
    const anonymous = await fetch(`http://${registry.url}/v2/`);
    expect(anonymous.status).toBe(401);
    const basic = `Basic ${Buffer.from('alice:correct horse').toString('base64')}`;
    const authorised = await fetch(`http://${registry.url}/v2/`, { headers: { authorization: basic } });
    expect(authorised.status).toBe(200);
  });

  it('takes a pushed image, gives it back with the right password, and refuses the wrong one', async () => {
    const { docker } = env;
    const localRef = `snapforge-spec/pushed:${randomBytes(4).toString('hex')}`;
    env.track(docker.getImage(localRef));
    const original = await makeTestImage(docker, localRef, { extraBytes: 4096, labels: TEST_LABELS });

    const remoteRef = await pushToRegistry(docker, registry, localRef, 'team/pushed:v1');
    expect(remoteRef).toBe(`${registry.url}/team/pushed:v1`);
    await docker.getImage(localRef).remove();
    const pulled = env.track(docker.getImage(remoteRef));
    await expect(pulled.inspect()).rejects.toMatchObject({ statusCode: 404 });

    const refused = docker.pull(remoteRef, { authconfig: registryAuth(registry, 'wrong') }).then((stream) => followProgress(docker, stream));
    await expect(refused).rejects.toThrow(/unauthorized|authentication required/i);
    await expect(pulled.inspect()).rejects.toMatchObject({ statusCode: 404 });

    await followProgress(docker, await docker.pull(remoteRef, { authconfig: registryAuth(registry) }));
    expect((await pulled.inspect()).Id).toBe(original);
  });

  it('stops and leaves no storage behind', async () => {
    const other = await startRegistry();
    expect(other.password).toMatch(/^[0-9a-f]{24}$/);
    const { storageDir } = other;
    await other.stop();
    expect(existsSync(storageDir)).toBe(false);
    await expect(fetch(`http://${other.url}/v2/`)).rejects.toThrow();
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface ComposeService {
  image?: string;
  command?: string[];
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: string[];
  user?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

// Compose resolves `<<:` merge keys, so the test must too.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const apps = ['api-gateway', 'profile-service', 'snapshot-orchestrator', 'builder-agent', 'sandbox-launcher', 'scheduler'];
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const publishedPorts = (name: string) => (service(name).ports ?? []).map((port) => port.split(':').slice(-2).join(':'));

describe('docker-compose.yml', () => {
  it('has the infrastructure and one service per app, nothing else', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...apps, 'eventstore', 'nats', 'registry'].sort());
    expect(apps.every((app) => existsSync(join(root, 'apps', app)))).toBe(true);
  });

  it('runs NATS with JetStream on 4222, its configuration mounted and its store on a volume', () => {
    const nats = service('nats');
    expect(nats.image).toMatch(/^nats:/);
    expect(nats.command).toContain('-js');
    expect(publishedPorts('nats')).toContain('4222:4222');
    const config = nats.volumes?.find((volume) => volume.endsWith(':/etc/nats/nats.conf:ro'));
    expect(config).toBeDefined();
    const configFile = readFileSync(join(root, String(config).split(':')[0]), 'utf8');
    expect(configFile).toMatch(/^jetstream\s*\{[^}]*store_dir:\s*\/data\//m);
    expect(nats.volumes).toContain('nats-data:/data');
  });

  it('runs KurrentDB insecure on 2113 with its data on a volume', () => {
    const eventstore = service('eventstore');
    expect(eventstore.image).toMatch(/kurrentdb|eventstore/);
    expect(eventstore.environment?.['KURRENTDB_INSECURE']).toBe('true');
    expect(publishedPorts('eventstore')).toContain('2113:2113');
    expect(eventstore.volumes).toContain('eventstore-data:/var/lib/kurrentdb');
  });

  it('runs a registry on 5000 with its storage on a volume', () => {
    expect(service('registry').image).toBe('registry:2');
    expect(publishedPorts('registry')).toContain('5000:5000');
    expect(service('registry').volumes).toContain('registry-data:/var/lib/registry');
  });

  it('declares every named volume that a service uses', () => {
    const named = Object.values(compose.services)
      .flatMap((s) => s.volumes ?? [])
      .map((volume) => volume.split(':')[0] ?? '')
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !(name in compose.volumes))).toEqual([]);
  });

  it.each(apps)('builds %s from a Dockerfile that exists, with its app name', (app) => {
    const { build } = service(app);
    expect(build?.args?.['APP']).toBe(app);
    expect(existsSync(join(root, build?.context ?? '', build?.dockerfile ?? 'missing'))).toBe(true);
  });

  it.each(apps)('gives %s NATS, KurrentDB and the secret key from the environment', (app) => {
    const { environment, depends_on } = service(app);
    expect(environment).toMatchObject({
      SNAPFORGE_NATS_URL: 'nats://nats:4222',
      SNAPFORGE_EVENT_STORE: 'kurrentdb',
      SNAPFORGE_ESDB_URL: 'esdb://eventstore:2113?tls=false',
    });
    expect(environment?.['SNAPFORGE_SECRET_KEY']).toMatch(/^\$\{SNAPFORGE_SECRET_KEY[:?}]/);
    expect(depends_on).toEqual(expect.arrayContaining(['nats', 'eventstore']));
  });

  it('mounts the Docker socket into the builder agent and the sandbox launcher only', () => {
    const withSocket = Object.entries(compose.services)
      .filter(([, s]) => (s.volumes ?? []).includes('/var/run/docker.sock:/var/run/docker.sock'))
      .map(([name]) => name);
    expect(withSocket.sort()).toEqual(['builder-agent', 'sandbox-launcher']);
  });

  it('publishes the gateway on 8080, listening on all interfaces of its container', () => {
    expect(publishedPorts('api-gateway')).toEqual(['8080:8080']);
    expect(service('api-gateway').environment).toMatchObject({ SNAPFORGE_HTTP_HOST: '0.0.0.0', SNAPFORGE_HTTP_PORT: '8080' });
  });
});

describe('infra/service.Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'infra/service.Dockerfile'), 'utf8');

  it('compiles with the workspace build and starts the app named by the APP build argument', () => {
    expect(dockerfile).toMatch(/^RUN node tools\/build\/build\.mjs/m);
    expect(dockerfile).toMatch(/^ARG APP$/m);
    expect(dockerfile).toContain('dist/apps/$APP/src/main.js');
  });

  it('copies only what exists in the workspace', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => (match[1] ?? '').split(' '));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((source) => !existsSync(join(root, source)))).toEqual([]);
  });
});

// `npm start` once start.sh has installed and built: brings up a development stack in order, and
// on Ctrl-C (SIGINT/SIGTERM) stops in reverse order whatever this run started, and nothing else.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Docker from 'dockerode';
import { SERVICE_NAMES } from '@snapforge/contracts';
import { BASE_IMAGE, ensureBaseImage, ensureDockerEngine } from '@snapforge/docker';
import { loadOrCreateDevSecrets } from './dev-secrets.js';
import { startDevNatsServer } from './dev-nats-server.js';
import { stopProcess } from './process-control.js';
import { dataDir, workspaceRoot } from './runner-paths.js';
import { forgetServices, killService, recordServices, startService, stopLeftoverServices, type ServiceProcess } from './service-process.js';
import { waitForHealth } from './wait-for-health.js';

const natsPort = Number(process.env['SNAPFORGE_NATS_PORT'] ?? 4222);
const httpPort = Number(process.env['SNAPFORGE_HTTP_PORT'] ?? 8080);
const startTimeoutMs = Number(process.env['SNAPFORGE_START_TIMEOUT_S'] ?? 90) * 1000;
const colour = Boolean(process.stdout.isTTY);
const nameWidth = Math.max(...SERVICE_NAMES.map((name) => name.length));
const runnerLabel = 'runner'.padEnd(nameWidth);

const say = (message: string) => console.log(colour ? `\x1b[1m${runnerLabel}\x1b[0m │ ${message}` : `${runnerLabel} │ ${message}`);

/** What this run started, stopped last-started first. */
const started: Array<{ what: string; stop: () => Promise<void> }> = [];
const services: ServiceProcess[] = [];
let stopping = false;

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const { what, stop } of started.reverse()) {
    say(`stopping ${what}`);
    await stop().catch((error: unknown) => say(`could not stop ${what}: ${(error as Error).message}`));
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('exit', () => services.forEach(killService));

async function main(): Promise<void> {
  // The local stack always uses the local engine on the default socket.
  delete process.env['DOCKER_HOST'];

  const engine = await ensureDockerEngine({ logFile: join(dataDir, 'dockerd.log') });
  if (engine.started) {
    say(`started dockerd (pid ${engine.pid}, log ${engine.logFile})`);
    started.push({ what: 'dockerd', stop: () => stopProcess(engine.pid) });
  } else {
    say('using the Docker Engine that is already running');
  }

  const servicePidFile = join(dataDir, 'services.pid');
  const leftovers = await stopLeftoverServices(servicePidFile, join(workspaceRoot, 'dist/apps'));
  if (leftovers) say(`stopped ${leftovers} service process(es) that a killed run left`);
  const nats = await startDevNatsServer(dataDir, natsPort);
  say(`${nats.adopted ? 'took over the nats-server an earlier run left' : 'started nats-server'} on ${nats.url} (pid ${nats.pid})`);
  started.push({ what: 'nats-server', stop: () => nats.stop() });

  const base = await ensureBaseImage(new Docker());
  say(`${base.created ? 'made' : 'found'} base image ${BASE_IMAGE}`);

  const secrets = await loadOrCreateDevSecrets(dataDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SNAPFORGE_NATS_URL: nats.url,
    SNAPFORGE_HTTP_HOST: '127.0.0.1',
    SNAPFORGE_DEV_API_KEY: secrets.apiKey,
    SNAPFORGE_SECRET_KEY: secrets.secretKey,
    SNAPFORGE_DATA_DIR: dataDir,
  };
  // Only the gateway gets the public port: any other service binding it would collide.
  delete env['SNAPFORGE_HTTP_PORT'];
  SERVICE_NAMES.forEach((name, index) => {
    const serviceEnv = name === 'api-gateway' ? { ...env, SNAPFORGE_HTTP_PORT: String(httpPort) } : env;
    services.push(startService(name, join(workspaceRoot, 'dist/apps', name, 'src/main.js'), serviceEnv, { nameWidth, colour, index }));
  });
  // All at once: each drains its own NATS connection, none waits for another.
  started.push({
    what: 'the services',
    stop: async () => {
      await Promise.all(services.map((service) => service.stop()));
      await forgetServices(servicePidFile);
    },
  });
  await recordServices(servicePidFile, services);
  say(`started ${SERVICE_NAMES.join(', ')}; waiting for them to be healthy`);

  const url = `http://127.0.0.1:${httpPort}`;
  await waitForHealth(`${url}/healthz`, services, startTimeoutMs);
  await writeFile(join(dataDir, 'dev.env'), `SNAPFORGE_URL=${url}\nSNAPFORGE_API_KEY=${secrets.apiKey}\n`, { mode: 0o600 });
  say(`Snapforge is up at ${url}`);
  say(`API key: ${secrets.apiKey}   (both in .snapforge/dev.env)`);
  say('Ctrl-C stops everything this run started');

  const ended = await Promise.race(services.map((service) => service.exited.then((how) => `${service.name} ${how}`)));
  if (stopping) return;
  say(`${ended}: stopping the rest`);
  await shutdown(1);
}

main().catch(async (error: unknown) => {
  if (stopping) return;
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});

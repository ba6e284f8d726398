// Test support for the data plane's specs, not a spec itself: `.test.ts` keeps it out of the build,
// and Jest runs only `*.spec.ts`.
import type { AddressInfo } from 'node:net';
import type Docker from 'dockerode';
import type { FastifyInstance } from 'fastify';
import type { Sandbox, SandboxClient } from 'langsmith/sandbox';
import { runContainerExec } from '@snapforge/docker';
import type { SnapshotRunConfig } from '@snapforge/domain';
import { TEST_LABELS, useDocker } from '@snapforge/testing';
import type { AuthorizedSandbox, DataPlaneLimits, DataPlaneRefusal } from './dataplane-deps.js';
import { createDataPlaneServer } from './dataplane-server.js';

export const API_KEY = 'sandbox-test-key';
/** The sandbox the stub authorizer knows, backed by a busybox container. */
export const SANDBOX_ID = 'box-1';
/** A sandbox the stub authorizer says is not running. */
export const STOPPED_SANDBOX_ID = 'box-stopped';

export interface DataPlaneHarness {
  readonly docker: Docker;
  readonly containerId: string;
  /** `http://127.0.0.1:<port>/sandboxes/<sandboxId>`: what a sandbox's `dataplane_url` would be. */
  dataplaneUrl(sandboxId?: string): string;
  /** `METHOD /path` of every request the server received, in order. */
  readonly requests: string[];
  /** Sandbox ids in the order `onActivity` was called with them. */
  readonly activity: string[];
  /** Runs a shell script in the sandbox's container, as root; its stdout. */
  sh(script: string): Promise<string>;
}

export interface DataPlaneHarnessOptions {
  readonly runConfig?: SnapshotRunConfig;
  readonly limits?: Partial<DataPlaneLimits>;
}

/**
 * A data plane on a free port for the enclosing `describe`, its one sandbox a busybox container
 * without network, and a stub authorizer: `API_KEY` may use `SANDBOX_ID`; `STOPPED_SANDBOX_ID` is
 * not running; any other sandbox is unknown. Its members may be used in tests and hooks only.
 */
export function useDataPlane(options: DataPlaneHarnessOptions = {}): DataPlaneHarness {
  const testDocker = useDocker();
  let server: FastifyInstance | undefined;
  let containerId = '';
  let baseUrl = '';
  const requests: string[] = [];
  const activity: string[] = [];

  beforeAll(async () => {
    const container = testDocker.track(
      await testDocker.docker.createContainer({
        Image: testDocker.baseImage,
        Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 3600 & wait $!; done'],
        Labels: TEST_LABELS,
        HostConfig: { NetworkMode: 'none' },
      }),
    );
    await container.start();
    containerId = container.id;
    server = createDataPlaneServer({
      docker: testDocker.docker,
      limits: options.limits,
      sandboxes: {
        authorize: async (apiKey, sandboxId): Promise<AuthorizedSandbox | DataPlaneRefusal> => {
          if (apiKey !== API_KEY) return { refusal: 'unauthorized', message: 'missing or unknown API key' };
          if (sandboxId === STOPPED_SANDBOX_ID) return { refusal: 'not-ready', message: `sandbox ${sandboxId} is stopped` };
          if (sandboxId !== SANDBOX_ID) return { refusal: 'not-found', message: `no sandbox ${sandboxId}` };
          return { containerId, runConfig: options.runConfig ?? {} };
        },
        onActivity: (sandboxId) => activity.push(sandboxId),
      },
    });
    server.addHook('onRequest', async (request) => {
      requests.push(`${request.method} ${request.url.split('?')[0]}`);
    });
    await server.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await server?.close();
  });

  return {
    get docker() {
      return testDocker.docker;
    },
    get containerId() {
      return containerId;
    },
    dataplaneUrl: (sandboxId = SANDBOX_ID) => `${baseUrl}/sandboxes/${sandboxId}`,
    requests,
    activity,
    sh: async (script) => (await runContainerExec(testDocker.docker, containerId, { script, user: '0' })).stdout.toString(),
  };
}

/** The module the spec imported `langsmith/sandbox` as: a spec that hides `ws` from it imports it late. */
type SandboxModule = typeof import('langsmith/sandbox');

/**
 * A langsmith `Sandbox` pointed at a data-plane URL, without a control plane: the client builds
 * them from the API's sandbox data with this (internal, untyped) constructor.
 */
export function langsmithSandbox(langsmith: SandboxModule, dataplaneUrl: string, apiKey = API_KEY): Sandbox {
  const client = new langsmith.SandboxClient({ apiKey, apiEndpoint: 'http://127.0.0.1:9/unused-control-plane', maxRetries: 0 });
  const SandboxFromData = langsmith.Sandbox as unknown as new (data: { name: string; dataplane_url: string }, client: SandboxClient) => Sandbox;
  return new SandboxFromData({ name: 'spec-sandbox', dataplane_url: dataplaneUrl }, client);
}

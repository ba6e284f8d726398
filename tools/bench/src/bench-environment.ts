import { dockerForTests, startServiceStack, type DockerForTests, type ServiceStack } from '@snapforge/testing';
import type { CleanupStack } from './cleanup-stack.js';
import { SnapforgeApi } from './snapforge-api.js';

/**
 * On every image the bench makes, and inherited by the snapshot images built from them. Not the
 * test label: `npm test` sweeps that one when it ends, and would take images away from a bench
 * running at the same time.
 */
export const BENCH_LABEL = 'io.snapforge.bench';

export interface BenchWorkspace {
  readonly stack: ServiceStack;
  readonly workspaceId: string;
  /** For clients other than `api`: the LangSmith client. */
  readonly apiKey: string;
  readonly api: SnapforgeApi;
}

/** What the scenarios share, each part made on first use and undone by the cleanup stack. */
export interface BenchEnvironment {
  readonly docker: DockerForTests;
  readonly cleanups: CleanupStack;
  /** Labels for the images a scenario makes. */
  readonly labels: Readonly<Record<string, string>>;
  /** The six services on their own nats-server, and one workspace with its API key. */
  workspace(): Promise<BenchWorkspace>;
}

export async function createBenchEnvironment(cleanups: CleanupStack, runId: string): Promise<BenchEnvironment> {
  const docker = await dockerForTests();
  cleanups.add(() => docker.cleanup());
  let workspace: Promise<BenchWorkspace> | undefined;
  return {
    docker,
    cleanups,
    labels: { [BENCH_LABEL]: runId },
    workspace: () => (workspace ??= startWorkspace(cleanups)),
  };
}

async function startWorkspace(cleanups: CleanupStack): Promise<BenchWorkspace> {
  const stack = await startServiceStack();
  cleanups.add(() => stack.stop());
  const { workspaceId, apiKey } = await stack.createWorkspace('bench');
  return { stack, workspaceId, apiKey, api: new SnapforgeApi(stack.url, apiKey) };
}

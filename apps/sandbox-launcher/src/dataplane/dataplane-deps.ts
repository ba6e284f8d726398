import type Docker from 'dockerode';
import type { FastifyBaseLogger } from 'fastify';
import type { SnapshotRunConfig } from '@snapforge/domain';

/** A sandbox the caller may use: its container on this host and how its commands run. */
export interface AuthorizedSandbox {
  readonly containerId: string;
  readonly runConfig: SnapshotRunConfig;
}

/**
 * Why a request is refused: `unauthorized` (no or a bad API key: 401), `not-found` (no such
 * sandbox, or another workspace's: 404), `not-ready` (the sandbox is not running: 400 NotReady).
 */
export interface DataPlaneRefusal {
  readonly refusal: 'unauthorized' | 'not-found' | 'not-ready';
  readonly message: string;
}

/** What the launcher answers the data plane with. */
export interface DataPlaneSandboxes {
  authorize(apiKey: string | undefined, sandboxId: string): Promise<AuthorizedSandbox | DataPlaneRefusal>;
  /** Called on every authorized request, and every `activityIntervalMs` while a command or a transfer runs. */
  onActivity(sandboxId: string): void;
}

export interface DataPlaneLimits {
  /** Output kept per command for reconnects, stdout and stderr together; the oldest goes first. */
  readonly outputLogBytes: number;
  /** How long a finished command stays reachable at most, whatever its `ttl_seconds` (-1 included). */
  readonly maxSessionTtlMs: number;
  readonly activityIntervalMs: number;
}

export const DEFAULT_DATAPLANE_LIMITS: DataPlaneLimits = {
  outputLogBytes: 8 * 1024 * 1024,
  maxSessionTtlMs: 24 * 60 * 60 * 1000,
  activityIntervalMs: 15_000,
};

export interface DataPlaneDeps {
  readonly docker: Docker;
  readonly sandboxes: DataPlaneSandboxes;
  readonly limits?: Partial<DataPlaneLimits>;
  /** The server logs nothing without one. */
  readonly logger?: FastifyBaseLogger;
}

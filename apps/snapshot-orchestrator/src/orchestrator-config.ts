import { buildQueueConfig } from '@snapforge/contracts';

export const ORCHESTRATOR_CONFIG = Symbol('ORCHESTRATOR_CONFIG');

export interface OrchestratorConfig {
  /** Build time-out when a request names none (SNAPFORGE_BUILD_TIMEOUT_SECONDS, 10 minutes). */
  defaultBuildTimeoutSeconds: number;
  /** How long a job may wait for a free agent before the watchdog gives up on it. */
  queueGraceSeconds: number;
  queue: ReturnType<typeof buildQueueConfig>;
}

export function orchestratorConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OrchestratorConfig {
  return {
    defaultBuildTimeoutSeconds: seconds(env, 'SNAPFORGE_BUILD_TIMEOUT_SECONDS', 600),
    queueGraceSeconds: seconds(env, 'SNAPFORGE_BUILD_QUEUE_GRACE_SECONDS', 300),
    queue: buildQueueConfig(env),
  };
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number of seconds, got '${value}'`);
  return parsed;
}

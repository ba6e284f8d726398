import type { ContainerExecOptions } from '@snapforge/docker';
import { layerRunConfig, type SnapshotRunConfig } from '@snapforge/domain';
import { DataPlaneError } from './dataplane-errors.js';
import type { RequestFields } from './request-fields.js';

/** What a command request asks for, over HTTP and over the WebSocket alike. */
export interface CommandRequest {
  readonly command: string;
  /** 0: no limit. */
  readonly timeoutSeconds: number;
  readonly shell: string | undefined;
  /** This command's layer over the sandbox's run config. */
  readonly runConfig: SnapshotRunConfig;
}

/**
 * Reads a command request. The run config comes either as `run_config` (`user`, `work_dir`,
 * `env_vars`) or in the older spelling `cwd` and `env`, never both at once.
 */
export function readCommandRequest(fields: RequestFields, timeoutField: 'timeout' | 'timeout_seconds'): CommandRequest {
  const command = fields.requiredString('command');
  const timeoutSeconds = fields.number(timeoutField, 60, { min: 0 });
  const shell = fields.string('shell') || undefined;
  const runConfigFields = fields.object('run_config');
  if (runConfigFields && (fields.has('cwd') || fields.has('env'))) {
    throw new DataPlaneError(400, 'InvalidRequest', 'run_config cannot be combined with cwd or env: use run_config.work_dir and run_config.env_vars');
  }
  const runConfig = runConfigFields
    ? layerRunConfig({
        user: runConfigFields.string('user') || undefined,
        workDir: runConfigFields.absolutePath('work_dir'),
        envVars: runConfigFields.stringMap('env_vars'),
      })
    : layerRunConfig({ workDir: fields.absolutePath('cwd'), envVars: fields.stringMap('env') });
  return { command, timeoutSeconds, shell, runConfig };
}

/** How the command runs: the request's run config over the sandbox's, `env` merged key by key. */
export function commandExecOptions(request: CommandRequest, sandbox: SnapshotRunConfig): ContainerExecOptions {
  const { user, workDir, envVars } = layerRunConfig(sandbox, request.runConfig);
  return {
    script: request.command,
    shell: request.shell,
    user,
    cwd: workDir,
    env: envVars,
    timeoutMs: request.timeoutSeconds > 0 ? request.timeoutSeconds * 1000 : undefined,
  };
}

/** What a command that ran past its time-out answers with. */
export function commandTimeoutMessage(timeoutSeconds: number): string {
  return `the command ran past its time-out of ${timeoutSeconds} s and was killed`;
}

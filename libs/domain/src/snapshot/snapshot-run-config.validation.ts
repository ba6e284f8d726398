import type { SnapshotRunConfig } from './snapshot-run-config.js';

/** Why sandboxes could not run with this config, naming the field as the API spells it; undefined when they can. */
export function runConfigViolation(runConfig: SnapshotRunConfig | undefined): string | undefined {
  const workDir = runConfig?.workDir;
  return workDir !== undefined && !workDir.startsWith('/') ? 'run_config.work_dir must be an absolute path' : undefined;
}

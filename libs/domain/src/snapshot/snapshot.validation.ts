import type { RequestSnapshot } from './snapshot.commands.js';

export const SNAPSHOT_NAME_MAX_LENGTH = 128;

/** ASCII only, and no `:` or `/`, so that a name is safe inside stream names, image tags and URLs. */
export const SNAPSHOT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why `name` is not a valid snapshot name, or undefined when it is. */
export function snapshotNameViolation(name: string): string | undefined {
  if (name.length === 0) return 'name must not be empty';
  if (name.length > SNAPSHOT_NAME_MAX_LENGTH) return `name must be at most ${SNAPSHOT_NAME_MAX_LENGTH} characters`;
  if (!SNAPSHOT_NAME_PATTERN.test(name)) {
    return "name must start with a letter or digit and contain only letters, digits, '.', '_' and '-'";
  }
  return undefined;
}

/**
 * Every rule a snapshot request breaks, each naming its field as the API spells it, so that one
 * refusal tells the user everything to fix.
 */
export function snapshotRequestViolations(request: RequestSnapshot['data']): string[] {
  const violations: string[] = [];
  const nameViolation = snapshotNameViolation(request.name);
  if (nameViolation !== undefined) violations.push(nameViolation);
  if (request.source.kind === 'image' && request.source.dockerImage.trim() === '') {
    violations.push('docker_image must not be empty');
  }
  if (request.source.kind === 'sandbox' && request.source.sandboxId.trim() === '') {
    violations.push('sandbox_id must not be empty');
  }
  if (!isPositiveInteger(request.fsCapacityBytes)) violations.push('fs_capacity_bytes must be a positive integer');
  if (!isPositiveInteger(request.buildTimeoutSeconds)) {
    violations.push('build_timeout_seconds must be a positive integer');
  }
  const workDir = request.runConfig?.workDir;
  if (workDir !== undefined && !workDir.startsWith('/')) {
    violations.push('run_config.work_dir must be an absolute path');
  }
  return violations;
}

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

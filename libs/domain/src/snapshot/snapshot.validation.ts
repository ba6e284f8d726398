import { RESOURCE_NAME_MAX_LENGTH, RESOURCE_NAME_PATTERN, resourceNameViolation } from '../naming/resource-name.js';
import { isPositiveInteger } from '../positive-integer.js';
import type { RequestSnapshot } from './snapshot.commands.js';
import { runConfigViolation } from './snapshot-run-config.validation.js';

export const SNAPSHOT_NAME_MAX_LENGTH = RESOURCE_NAME_MAX_LENGTH;

export const SNAPSHOT_NAME_PATTERN = RESOURCE_NAME_PATTERN;

/** Why `name` is not a valid snapshot name, or undefined when it is. */
export const snapshotNameViolation = resourceNameViolation;

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
  if (request.source.kind === 'profile_job' && (request.source.jobId.trim() === '' || request.source.imageRef.trim() === '')) {
    violations.push('a profile job snapshot needs its job id and image');
  }
  if (!isPositiveInteger(request.fsCapacityBytes)) violations.push('fs_capacity_bytes must be a positive integer');
  if (!isPositiveInteger(request.buildTimeoutSeconds)) {
    violations.push('build_timeout_seconds must be a positive integer');
  }
  const workDirViolation = runConfigViolation(request.runConfig);
  if (workDirViolation !== undefined) violations.push(workDirViolation);
  return violations;
}

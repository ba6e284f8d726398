import { resourceNameViolation } from '../naming/resource-name.js';
import { isPositiveInteger } from '../positive-integer.js';
import type { SnapshotRunConfig } from '../snapshot/snapshot-run-config.js';
import { runConfigViolation } from '../snapshot/snapshot-run-config.validation.js';

export const SANDBOX_MAX_VCPUS = 64;

export const SANDBOX_MIN_MEM_BYTES = 16 * 1024 * 1024;

/** Idle and stop TTLs are whole minutes, as the LangSmith API defines them. */
export const SANDBOX_TTL_STEP_SECONDS = 60;

/** The sandbox fields a create or an update may set. */
export interface SandboxFields {
  name?: string;
  vcpus?: number;
  memBytes?: number;
  fsCapacityBytes?: number;
  idleTtlSeconds?: number;
  deleteAfterStopSeconds?: number;
  runConfig?: SnapshotRunConfig;
}

/**
 * Every rule the given sandbox fields break, each naming its field as the API spells it, so that
 * one refusal tells the user everything to fix. Absent fields (an update leaves them as they are)
 * break none.
 */
export function sandboxViolations(fields: SandboxFields): string[] {
  const { name, vcpus, memBytes, fsCapacityBytes, idleTtlSeconds, deleteAfterStopSeconds } = fields;
  const violations: (string | undefined)[] = [
    name === undefined ? undefined : resourceNameViolation(name),
    vcpus === undefined || (Number.isFinite(vcpus) && vcpus > 0 && vcpus <= SANDBOX_MAX_VCPUS)
      ? undefined
      : `vcpus must be a positive number of at most ${SANDBOX_MAX_VCPUS}`,
    memBytes === undefined || (Number.isSafeInteger(memBytes) && memBytes >= SANDBOX_MIN_MEM_BYTES)
      ? undefined
      : `mem_bytes must be an integer of at least ${SANDBOX_MIN_MEM_BYTES} (16 MiB)`,
    fsCapacityBytes === undefined || isPositiveInteger(fsCapacityBytes)
      ? undefined
      : 'fs_capacity_bytes must be a positive integer',
    ttlViolation('idle_ttl_seconds', idleTtlSeconds),
    ttlViolation('delete_after_stop_seconds', deleteAfterStopSeconds),
    runConfigViolation(fields.runConfig),
  ];
  return violations.filter((violation) => violation !== undefined);
}

function ttlViolation(field: string, seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  if (Number.isSafeInteger(seconds) && seconds >= 0 && seconds % SANDBOX_TTL_STEP_SECONDS === 0) return undefined;
  return `${field} must be a non-negative integer multiple of ${SANDBOX_TTL_STEP_SECONDS} (0 disables it)`;
}

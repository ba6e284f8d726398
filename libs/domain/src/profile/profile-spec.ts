import { optional } from '../optional-field.js';
import { layerRunConfig } from '../snapshot/resolve-run-config.js';
import type { SnapshotRunConfig } from '../snapshot/snapshot-run-config.js';

/**
 * What a profile's draft holds and each published version freezes: the base image, the setup
 * script its snapshot jobs run on it, and how sessions from it run.
 */
export interface ProfileSpec {
  baseImage: string;
  /** The private registry to pull the base image from. */
  registryId?: string;
  setupScript: string;
  runConfig?: SnapshotRunConfig;
  vcpus?: number;
  memBytes?: number;
  fsCapacityBytes?: number;
}

/**
 * The spec's own fields and nothing else: commands arrive as JSON from other services, and
 * whatever else they carry must not end up stored for ever in an event.
 */
export function profileSpec(fields: ProfileSpec): ProfileSpec {
  return {
    baseImage: fields.baseImage,
    ...optional('registryId', fields.registryId),
    setupScript: fields.setupScript,
    // A single layer comes out as a copy of its own fields alone.
    ...optional('runConfig', fields.runConfig && layerRunConfig(fields.runConfig)),
    ...optional('vcpus', fields.vcpus),
    ...optional('memBytes', fields.memBytes),
    ...optional('fsCapacityBytes', fields.fsCapacityBytes),
  };
}

/** Whether two specs would build and run alike, so that saving the same draft again records nothing. */
export function sameProfileSpec(a: ProfileSpec, b: ProfileSpec): boolean {
  return (
    a.baseImage === b.baseImage &&
    a.registryId === b.registryId &&
    a.setupScript === b.setupScript &&
    a.vcpus === b.vcpus &&
    a.memBytes === b.memBytes &&
    a.fsCapacityBytes === b.fsCapacityBytes &&
    sameRunConfig(a.runConfig, b.runConfig)
  );
}

function sameRunConfig(a: SnapshotRunConfig | undefined, b: SnapshotRunConfig | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.user !== b.user || a.workDir !== b.workDir) return false;
  if (a.envVars === undefined || b.envVars === undefined) return a.envVars === b.envVars;
  const aEnv = Object.entries(a.envVars);
  const bEnv = b.envVars;
  return aEnv.length === Object.keys(bEnv).length && aEnv.every(([key, value]) => bEnv[key] === value);
}

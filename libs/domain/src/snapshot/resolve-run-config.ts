import type { SnapshotRunConfig } from './snapshot-run-config.js';

/**
 * Stacks run configs, later layers over earlier ones: `user` and `workDir` are replaced, `envVars`
 * merge key by key with the later value winning. A field no layer sets stays absent (never present
 * as undefined), so results compare and serialise alike; `envVars` is present, possibly empty, as
 * soon as one layer sets it.
 */
export function layerRunConfig(...layers: (SnapshotRunConfig | undefined)[]): SnapshotRunConfig {
  let user: string | undefined;
  let workDir: string | undefined;
  let envVars: Record<string, string> | undefined;
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (layer.user !== undefined) user = layer.user;
    if (layer.workDir !== undefined) workDir = layer.workDir;
    if (layer.envVars !== undefined) envVars = { ...envVars, ...layer.envVars };
  }
  return {
    ...(user === undefined ? {} : { user }),
    ...(workDir === undefined ? {} : { workDir }),
    ...(envVars === undefined ? {} : { envVars }),
  };
}

/**
 * The run config a snapshot ends up with: what its Docker image configures (`User`, `WorkingDir`,
 * `Env`), with the request's override applied.
 */
export function resolveRunConfig(image: SnapshotRunConfig, override: SnapshotRunConfig | undefined): SnapshotRunConfig {
  return layerRunConfig(image, override);
}

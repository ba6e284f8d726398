/**
 * How sandboxes booted from a snapshot run (the API's `run_config`). On a request it is the user's
 * override; once built it is the configuration resolved from the image with the override applied.
 */
export interface SnapshotRunConfig {
  user?: string;
  workDir?: string;
  envVars?: Readonly<Record<string, string>>;
}

/**
 * Why a snapshot job failed, as builder agents and the dispatcher report it. The known codes are
 * listed for callers to branch on; others pass through, so that an agent may report a new one.
 */
export type SnapshotJobFailureCode =
  | 'setup_script_failed'
  | 'setup_script_timeout'
  | 'base_image_pull_failed'
  | 'image_too_large'
  | 'agent_lost'
  // Keeps the known codes offered by editors while admitting any other string.
  | (string & Record<never, never>);

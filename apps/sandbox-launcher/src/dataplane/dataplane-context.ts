import type Docker from 'dockerode';
import type { CommandSessions } from './command-sessions.js';
import type { DataPlaneLimits, DataPlaneSandboxes } from './dataplane-deps.js';

/** What the data plane's routes share. */
export interface DataPlaneContext {
  readonly docker: Docker;
  readonly sandboxes: DataPlaneSandboxes;
  readonly limits: DataPlaneLimits;
  readonly sessions: CommandSessions;
}

import type { Decider } from '../decider.js';
import { nameReservationDecider } from '../naming/name-reservation.decider.js';
import { resourceNameViolation } from '../naming/resource-name.js';
import type { SandboxNameCommand } from './sandbox-name.commands.js';
import type { SandboxNameEvent } from './sandbox-name.events.js';
import type { SandboxNameState } from './sandbox-name.state.js';
import { SandboxErrorCode } from './sandbox-error-code.js';

/**
 * The guard that keeps sandbox names unique per workspace: one stream per (workspace, name). The
 * API addresses sandboxes by name, so a name is reserved before the sandbox takes it (create or
 * rename) and released after it lets go (rename or delete).
 */
export const sandboxNameDecider: Decider<SandboxNameCommand, SandboxNameState, SandboxNameEvent> =
  nameReservationDecider({
    kind: 'Sandbox',
    noun: 'sandbox',
    nameViolation: resourceNameViolation,
    invalidCode: SandboxErrorCode.Invalid,
    takenCode: SandboxErrorCode.NameTaken,
  });

import type { Decider } from '../decider.js';
import { nameReservationDecider } from '../naming/name-reservation.decider.js';
import { resourceNameViolation } from '../naming/resource-name.js';
import type { RegistryNameCommand } from './registry-name.commands.js';
import type { RegistryNameEvent } from './registry-name.events.js';
import type { RegistryNameState } from './registry-name.state.js';
import { RegistryErrorCode } from './registry-error-code.js';

/**
 * The guard that keeps registry names unique per workspace: one stream per (workspace, name).
 * A rename reserves the new name before the registry takes it and releases the old one after.
 */
export const registryNameDecider: Decider<RegistryNameCommand, RegistryNameState, RegistryNameEvent> =
  nameReservationDecider({
    kind: 'Registry',
    noun: 'registry',
    nameViolation: resourceNameViolation,
    invalidCode: RegistryErrorCode.Invalid,
    takenCode: RegistryErrorCode.NameTaken,
  });

import type { Decider } from '../decider.js';
import { nameReservationDecider } from '../naming/name-reservation.decider.js';
import { resourceNameViolation } from '../naming/resource-name.js';
import type { ProfileNameCommand } from './profile-name.commands.js';
import type { ProfileNameEvent } from './profile-name.events.js';
import type { ProfileNameState } from './profile-name.state.js';
import { ProfileErrorCode } from './profile-error-code.js';

/**
 * The guard that keeps profile names unique per workspace: one stream per (workspace, name). The
 * API addresses profiles by id or name, so a name is reserved before the profile takes it and
 * released after the profile is deleted.
 */
export const profileNameDecider: Decider<ProfileNameCommand, ProfileNameState, ProfileNameEvent> =
  nameReservationDecider({
    kind: 'Profile',
    noun: 'profile',
    nameViolation: resourceNameViolation,
    invalidCode: ProfileErrorCode.Invalid,
    takenCode: ProfileErrorCode.NameTaken,
  });

import type { ReleaseName, ReserveName } from '../naming/name-reservation.commands.js';

export type ReserveProfileName = ReserveName<'Profile'>;

export type ReleaseProfileName = ReleaseName<'Profile'>;

export type ProfileNameCommand = ReserveProfileName | ReleaseProfileName;

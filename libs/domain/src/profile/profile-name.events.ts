import type { NameReleased, NameReserved } from '../naming/name-reservation.events.js';

export type ProfileNameReserved = NameReserved<'Profile'>;

export type ProfileNameReleased = NameReleased<'Profile'>;

export type ProfileNameEvent = ProfileNameReserved | ProfileNameReleased;

import type { NameReservationState } from '../naming/name-reservation.state.js';

export type ProfileNameState = NameReservationState<'Profile'>;

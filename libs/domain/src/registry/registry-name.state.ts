import type { NameReservationState } from '../naming/name-reservation.state.js';

export type RegistryNameState = NameReservationState<'Registry'>;

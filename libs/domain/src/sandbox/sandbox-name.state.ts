import type { NameReservationState } from '../naming/name-reservation.state.js';

export type SandboxNameState = NameReservationState<'Sandbox'>;

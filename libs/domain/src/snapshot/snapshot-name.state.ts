import type { NameReservationState } from '../naming/name-reservation.state.js';

export type SnapshotNameState = NameReservationState<'Snapshot'>;

import type { ReleaseName, ReserveName } from '../naming/name-reservation.commands.js';

export type ReserveRegistryName = ReserveName<'Registry'>;

export type ReleaseRegistryName = ReleaseName<'Registry'>;

export type RegistryNameCommand = ReserveRegistryName | ReleaseRegistryName;

import type { NameReleased, NameReserved } from '../naming/name-reservation.events.js';

export type RegistryNameReserved = NameReserved<'Registry'>;

export type RegistryNameReleased = NameReleased<'Registry'>;

export type RegistryNameEvent = RegistryNameReserved | RegistryNameReleased;

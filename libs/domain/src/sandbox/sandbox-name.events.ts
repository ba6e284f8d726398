import type { NameReleased, NameReserved } from '../naming/name-reservation.events.js';

export type SandboxNameReserved = NameReserved<'Sandbox'>;

export type SandboxNameReleased = NameReleased<'Sandbox'>;

export type SandboxNameEvent = SandboxNameReserved | SandboxNameReleased;

import type { ReleaseName, ReserveName } from '../naming/name-reservation.commands.js';

export type ReserveSandboxName = ReserveName<'Sandbox'>;

export type ReleaseSandboxName = ReleaseName<'Sandbox'>;

export type SandboxNameCommand = ReserveSandboxName | ReleaseSandboxName;

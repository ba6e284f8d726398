import type { DomainCommand } from '../domain-command.js';
import type { NameHolder } from './name-holder.js';

export type ReserveName<Kind extends string> = DomainCommand<
  `Reserve${Kind}Name`,
  { workspaceId: string; name: string; at: string } & NameHolder<Kind>
>;

export type ReleaseName<Kind extends string> = DomainCommand<`Release${Kind}Name`, { at: string } & NameHolder<Kind>>;

export type NameReservationCommand<Kind extends string> = ReserveName<Kind> | ReleaseName<Kind>;

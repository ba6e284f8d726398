import type { DomainEvent } from '../domain-event.js';
import type { NameHolder } from './name-holder.js';

export type NameReserved<Kind extends string> = DomainEvent<
  `${Kind}NameReserved`,
  { workspaceId: string; name: string; reservedAt: string } & NameHolder<Kind>
>;

export type NameReleased<Kind extends string> = DomainEvent<
  `${Kind}NameReleased`,
  { workspaceId: string; name: string; releasedAt: string } & NameHolder<Kind>
>;

export type NameReservationEvent<Kind extends string> = NameReserved<Kind> | NameReleased<Kind>;

import type { NameHolder } from './name-holder.js';

/** A name is free when it was never reserved or its holder released it. */
export type NameReservationState<Kind extends string> =
  { status: 'free' } | ({ status: 'reserved'; workspaceId: string; name: string } & NameHolder<Kind>);

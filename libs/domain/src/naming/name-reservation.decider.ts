import type { Decider } from '../decider.js';
import { DomainError } from '../domain-error.js';
import type { NameHolder, NameHolderKey } from './name-holder.js';
import type { NameReservationCommand, ReserveName } from './name-reservation.commands.js';
import type { NameReservationEvent, NameReserved } from './name-reservation.events.js';
import type { NameReservationState } from './name-reservation.state.js';

export interface NameReservationOptions<Kind extends string> {
  /** Prefixes the command and event types (`ReserveSnapshotName`) and names the holder (`snapshotId`). */
  kind: Kind;
  /** How messages call the resource: "a snapshot named …". */
  noun: string;
  /** The resource's own name rule, so that no guard stream is ever opened for a name it cannot have. */
  nameViolation: (name: string) => string | undefined;
  invalidCode: string;
  takenCode: string;
}

/**
 * The guard that keeps names of one kind of resource unique per workspace: one stream per
 * (workspace, name). Renaming is reserving the new name, then releasing the old one.
 */
export function nameReservationDecider<Kind extends string>(
  options: NameReservationOptions<Kind>,
): Decider<NameReservationCommand<Kind>, NameReservationState<Kind>, NameReservationEvent<Kind>> {
  const { kind, noun, nameViolation, invalidCode, takenCode } = options;
  const holderKey = `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Id` as NameHolderKey<Kind>;
  // Computed keys widen to a string index, so the holder field is only ever built and read here.
  const holder = (id: string) => ({ [holderKey]: id }) as NameHolder<Kind>;
  const holderOf = (value: Readonly<NameHolder<Kind>>): string => value[holderKey];
  const isReserve = (command: NameReservationCommand<Kind>): command is ReserveName<Kind> =>
    command.type === `Reserve${kind}Name`;
  const isReserved = (event: NameReservationEvent<Kind>): event is NameReserved<Kind> =>
    event.type === `${kind}NameReserved`;

  return {
    initialState: () => ({ status: 'free' }),

    decide(command, state) {
      const holderId = holderOf(command.data);
      if (isReserve(command)) {
        const { workspaceId, name, at } = command.data;
        const violation = nameViolation(name);
        if (violation !== undefined) throw new DomainError(invalidCode, `invalid ${noun} name: ${violation}`);
        if (state.status === 'reserved') {
          if (holderOf(state) === holderId) return [];
          throw new DomainError(takenCode, `a ${noun} named "${name}" already exists`);
        }
        return [{ type: `${kind}NameReserved`, data: { workspaceId, name, ...holder(holderId), reservedAt: at } }];
      }
      // Only the holder releases: a stale release must not free a name someone else now holds.
      if (state.status !== 'reserved' || holderOf(state) !== holderId) return [];
      return [
        {
          type: `${kind}NameReleased`,
          data: { workspaceId: state.workspaceId, name: state.name, ...holder(holderId), releasedAt: command.data.at },
        },
      ];
    },

    evolve(_state, event) {
      if (!isReserved(event)) return { status: 'free' };
      const { workspaceId, name } = event.data;
      return { status: 'reserved', workspaceId, name, ...holder(holderOf(event.data)) };
    },
  };
}

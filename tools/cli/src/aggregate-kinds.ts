import type { Decider } from '@snapforge/domain';
import { profileVersionDecider, profileVersionStreamName, sandboxDecider, sandboxStreamName, snapshotDecider, snapshotStreamName } from '@snapforge/domain';
import type { AggregateKindName } from './aggregate-kind-names.js';

/** An aggregate `replay status` can show: where its events are and how they fold into its state. */
export interface AggregateKind {
  /** How its ID is written, for usage errors. */
  readonly idFormat: string;
  /** Its stream; undefined for an ID that cannot name one. */
  streamName(id: string): string | undefined;
  /** Its decider's state after `events`, in order. */
  fold(events: readonly { type: string; data: unknown }[]): unknown;
}

export const AGGREGATE_KINDS: Readonly<Record<AggregateKindName, AggregateKind>> = {
  snapshot: {
    idFormat: 'a snapshot id',
    streamName: (id) => (id === '' ? undefined : snapshotStreamName(id)),
    fold: folding(snapshotDecider),
  },
  version: {
    idFormat: 'PROFILE_ID:VERSION, e.g. 9b2c…:2',
    streamName(id) {
      const match = /^(.+):([1-9]\d*)$/.exec(id);
      const version = Number(match?.[2]);
      return match?.[1] && Number.isSafeInteger(version) ? profileVersionStreamName(match[1], version) : undefined;
    },
    fold: folding(profileVersionDecider),
  },
  sandbox: {
    idFormat: 'a sandbox id',
    streamName: (id) => (id === '' ? undefined : sandboxStreamName(id)),
    fold: folding(sandboxDecider),
  },
};

/** The events come from the store, stream by stream: their type is the decider's by construction. */
function folding<State, Event>(decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>): AggregateKind['fold'] {
  return (events) => events.reduce((state, event) => decider.evolve(state, event as Event), decider.initialState());
}

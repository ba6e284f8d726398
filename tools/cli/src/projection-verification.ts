import type { ProjectionDumpReply } from '@snapforge/contracts';
import {
  applyIfAccepted,
  canonicalDump,
  diffDumps,
  findReadModelKind,
  READ_MODEL_NAMES,
  type AnyReadModelKind,
  type DumpDifference,
  type DumpValue,
  type ReadModel,
} from '@snapforge/domain';
import { comparePositions, parsePosition, type EventStore, type GlobalPosition } from '@snapforge/event-store';
import { errorMessage } from './cli-error.js';
import type { ProjectionControlClient, ProjectionTarget } from './projection-control-client.js';

/** One live projection compared with a replay of the store up to the position of its dump. */
export interface VerifiedProjection extends ProjectionTarget {
  /** The position the live dump reflects; absent when the projection had seen no event. */
  readonly position?: string;
  /** Events replayed into the fresh model: every event up to `position`. */
  readonly replayedEvents: number;
  readonly differences: readonly DumpDifference[];
  /** Why no comparison could be made (an unknown kind, a store that ends too early). */
  readonly problem?: string;
}

interface Replay {
  readonly target: ProjectionTarget;
  readonly live: DumpValue;
  readonly position?: GlobalPosition;
  readonly positionText?: string;
  readonly kind: AnyReadModelKind;
  readonly model: ReadModel<unknown>;
  replayedEvents: number;
  /** Whether the store held the event at `position`. */
  reached: boolean;
}

/**
 * For every projection of every running instance: its dump at position P, then one read of the
 * store from position zero that feeds each fresh model every event up to its P, then a comparison
 * of the canonical dumps. The live models may move on meanwhile: each is compared as of its P.
 */
export async function verifyProjections(control: ProjectionControlClient, store: EventStore): Promise<VerifiedProjection[]> {
  const targets = (await control.instances()).flatMap(({ service, instanceId, projections }) =>
    projections.map(({ name }) => ({ service, instanceId, projection: name })),
  );
  const results: VerifiedProjection[] = [];
  const replays: Replay[] = [];
  for (const target of targets) {
    const kind = findReadModelKind(target.projection);
    if (kind === undefined) {
      results.push({ ...target, replayedEvents: 0, differences: [], problem: `not a read model this CLI knows (it knows: ${READ_MODEL_NAMES.join(', ')})` });
      continue;
    }
    let reply: ProjectionDumpReply;
    try {
      reply = await control.dump(target);
    } catch (error) {
      // An instance that went away since the list, say: the others are still worth comparing.
      results.push({ ...target, replayedEvents: 0, differences: [], problem: `no dump: ${errorMessage(error)}` });
      continue;
    }
    const { position, dump } = reply;
    replays.push({
      target,
      live: dump as DumpValue,
      ...(position === undefined ? {} : { position: parsePosition(position), positionText: position }),
      kind,
      model: kind.create(),
      replayedEvents: 0,
      reached: position === undefined,
    });
  }
  await replayUpTo(store, replays, comparePositions);
  for (const replay of replays) results.push(compared(replay));
  return results.sort((a, b) => a.service.localeCompare(b.service) || a.instanceId.localeCompare(b.instanceId) || a.projection.localeCompare(b.projection));
}

/** One pass over the store from position zero, feeding each replay up to its own position. */
async function replayUpTo(
  store: EventStore,
  replays: readonly Replay[],
  comparePositions: (a: GlobalPosition, b: GlobalPosition) => number,
): Promise<void> {
  let open = replays.filter((replay) => replay.position !== undefined);
  if (open.length === 0) return;
  for await (const event of store.readAll()) {
    for (const replay of open) {
      if (comparePositions(event.position, replay.position as GlobalPosition) > 0) continue;
      try {
        applyIfAccepted(replay.kind, replay.model, event);
      } catch {
        // The live projection logs such an event and goes on without it; so does its replay.
      }
      replay.replayedEvents++;
    }
    for (const replay of open) replay.reached = comparePositions(event.position, replay.position as GlobalPosition) >= 0;
    open = open.filter((replay) => !replay.reached);
    if (open.length === 0) return;
  }
}

function compared(replay: Replay): VerifiedProjection {
  const { target, positionText } = replay;
  const base = { ...target, ...(positionText === undefined ? {} : { position: positionText }), replayedEvents: replay.replayedEvents };
  const differences = diffDumps(replay.live, canonicalDump(replay.model));
  if (!replay.reached) {
    return { ...base, differences, problem: 'the event store ends before this position: is the service on another store?' };
  }
  return { ...base, differences };
}

import { compareText, type DumpValue } from './canonical-dump.js';

/** One place where two dumps disagree; a side without the value there has no field for it. */
export interface DumpDifference {
  /** Object keys and array indexes from the root, e.g. `['viewsById', '<id>', 'status']`. */
  readonly path: readonly string[];
  readonly live?: DumpValue;
  readonly replayed?: DumpValue;
}

/**
 * Every place where the live model's dump and the replayed one disagree, down to the deepest
 * field that differs, in path order. Empty when they are equal.
 */
export function diffDumps(live: DumpValue, replayed: DumpValue, path: readonly string[] = []): DumpDifference[] {
  if (isObject(live) && isObject(replayed)) {
    const keys = [...new Set([...Object.keys(live), ...Object.keys(replayed)])].sort(compareText);
    return keys.flatMap((key) => diffEntries(live[key], replayed[key], [...path, key]));
  }
  if (Array.isArray(live) && Array.isArray(replayed)) {
    const length = Math.max(live.length, replayed.length);
    return Array.from({ length }, (_, index) => diffEntries(live[index], replayed[index], [...path, String(index)])).flat();
  }
  return live === replayed ? [] : [{ path, live, replayed }];
}

function diffEntries(live: DumpValue | undefined, replayed: DumpValue | undefined, path: readonly string[]): DumpDifference[] {
  if (live === undefined && replayed === undefined) return [];
  if (live === undefined) return [{ path, replayed: replayed as DumpValue }];
  if (replayed === undefined) return [{ path, live }];
  return diffDumps(live, replayed, path);
}

/** `snapshots › viewsById › <id> › status: live "ready", replayed "building"`; `prefix` names the model. */
export function formatDifference(difference: DumpDifference, prefix: readonly string[] = []): string {
  const path = [...prefix, ...difference.path].join(' › ');
  return `${path}: live ${shown(difference, 'live')}, replayed ${shown(difference, 'replayed')}`;
}

function shown(difference: DumpDifference, side: 'live' | 'replayed'): string {
  return side in difference ? JSON.stringify(difference[side]) : 'absent';
}

function isObject(value: DumpValue | undefined): value is { [key: string]: DumpValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

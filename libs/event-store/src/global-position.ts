/**
 * A position in the global order of all events. `commit` orders the writes; `prepare` orders the events
 * inside one write (KurrentDB: prepare position; JetStream: index of the event inside its commit message).
 */
export interface GlobalPosition {
  readonly commit: number;
  readonly prepare: number;
}

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  return a.commit !== b.commit ? a.commit - b.commit : a.prepare - b.prepare;
}

export function isAfter(position: GlobalPosition, after: GlobalPosition | undefined): boolean {
  return after === undefined || comparePositions(position, after) > 0;
}

export function formatPosition(position: GlobalPosition): string {
  return `${position.commit}:${position.prepare}`;
}

export function parsePosition(text: string): GlobalPosition {
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) throw new Error(`not a global position (expected "commit:prepare"): ${JSON.stringify(text)}`);
  const commit = Number(match[1]);
  const prepare = Number(match[2]);
  if (!Number.isSafeInteger(commit) || !Number.isSafeInteger(prepare)) {
    throw new Error(`global position out of range: ${text}`);
  }
  return { commit, prepare };
}

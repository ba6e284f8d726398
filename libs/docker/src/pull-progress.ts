/** One event of the engine's JSON progress stream. */
export interface ProgressEvent {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

const INTERVAL_MS = 1_000;

/**
 * Turns the engine's progress events into readable lines: every status change, and byte counts at
 * most once a second per layer, so a 1 GB pull is a few dozen lines and not thousands.
 */
export function progressPrinter(emit: (line: string) => void, now: () => number = Date.now): (event: ProgressEvent) => void {
  const lastStatus = new Map<string, string>();
  const lastPrinted = new Map<string, number>();
  return (event) => {
    const status = event.status;
    if (!status) return;
    const key = event.id ?? '';
    const { current, total } = event.progressDetail ?? {};
    const hasBytes = typeof current === 'number' && current > 0;
    if (lastStatus.get(key) === status && (!hasBytes || now() - (lastPrinted.get(key) ?? 0) < INTERVAL_MS)) return;
    lastStatus.set(key, status);
    lastPrinted.set(key, now());
    const bytes = hasBytes ? ` ${megabytes(current)}${typeof total === 'number' && total > 0 ? ` / ${megabytes(total)}` : ''}` : '';
    emit(`${event.id ? `${event.id}: ` : ''}${status}${bytes}`);
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

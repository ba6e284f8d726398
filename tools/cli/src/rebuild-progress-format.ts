import type { ProjectionRebuildProgress } from '@snapforge/contracts';

const BAR_WIDTH = 24;

/** How far one rebuild got, 0 to 1, by its position against the store's head when it started; 1 once it ended. */
export function progressFraction(progress: ProjectionRebuildProgress): number {
  if (progress.phase !== 'running') return 1;
  if (progress.head === undefined || progress.position === undefined) return 0;
  return Math.min(1, commitOf(progress.position) / Math.max(1, commitOf(progress.head)));
}

/** Seconds left at the pace so far; undefined before there is a pace. */
export function etaSeconds(fraction: number, elapsedMs: number): number | undefined {
  if (fraction <= 0) return undefined;
  return Math.max(0, Math.round(((1 - fraction) * elapsedMs) / fraction / 1000));
}

/**
 * The terminal's one line for `rebuilds` rebuilds at once, of which `latest` have reported: bar,
 * percentage, events, events/s, ETA, how many ended.
 */
export function formatOverallProgress(latest: readonly ProjectionRebuildProgress[], rebuilds: number): string {
  const ended = latest.filter((progress) => progress.phase !== 'running').length;
  const fraction = rebuilds === 0 ? 0 : latest.reduce((sum, progress) => sum + progressFraction(progress), 0) / rebuilds;
  const processed = latest.reduce((sum, progress) => sum + progress.processed, 0);
  const rate = latest.filter((progress) => progress.phase === 'running').reduce((sum, progress) => sum + progress.eventsPerSecond, 0);
  const elapsedMs = Math.max(0, ...latest.map((progress) => progress.elapsedMs));
  const filled = Math.round(fraction * BAR_WIDTH);
  return [
    `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.floor(fraction * 100)}%`,
    `${count(processed)} events`,
    `${count(rate)} events/s`,
    `ETA ${formatSeconds(etaSeconds(fraction, elapsedMs))}`,
    `${ended}/${rebuilds} done`,
  ].join('  ');
}

/** One rebuild's line for logs (no terminal): where it is, or how it ended. */
export function formatProgressLine(service: string, progress: ProjectionRebuildProgress): string {
  const who = `${service} ${progress.instanceId} ${progress.projection}`;
  const seconds = (progress.elapsedMs / 1000).toFixed(1);
  switch (progress.phase) {
    case 'running': {
      const fraction = progressFraction(progress);
      return `${who}: ${Math.floor(fraction * 100)}%, ${count(progress.processed)} events, ${count(progress.eventsPerSecond)} events/s, ETA ${formatSeconds(etaSeconds(fraction, progress.elapsedMs))}`;
    }
    case 'done':
      return `${who}: rebuilt from ${count(progress.processed)} events in ${seconds} s (${count(progress.eventsPerSecond)} events/s)${progress.position ? ` up to ${progress.position}` : ''}, swapped in`;
    case 'failed':
      return `${who}: FAILED after ${count(progress.processed)} events: ${progress.error ?? 'no reason given'}`;
  }
}

function commitOf(position: string): number {
  return Number(position.split(':')[0]);
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return '?';
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}

import type { ProjectionRebuildProgress } from '@snapforge/contracts';
import { etaSeconds, formatOverallProgress, formatProgressLine, progressFraction } from './rebuild-progress-format.js';

const running = (position: string | undefined, processed: number, elapsedMs: number): ProjectionRebuildProgress => ({
  instanceId: 'snapshot-orchestrator-1a2b3c4d',
  projection: 'snapshots',
  phase: 'running',
  processed,
  ...(position === undefined ? {} : { position }),
  head: '1000:0',
  elapsedMs,
  eventsPerSecond: elapsedMs > 0 ? Math.round((processed * 1000) / elapsedMs) : 0,
});

describe('rebuild progress', () => {
  it('measures a running rebuild by its position against the head it started with', () => {
    expect(progressFraction(running(undefined, 0, 0))).toBe(0);
    expect(progressFraction(running('250:1', 300, 100))).toBe(0.25);
    expect(progressFraction(running('1200:0', 1300, 100))).toBe(1);
    expect(progressFraction({ ...running('10:0', 10, 5), phase: 'done' })).toBe(1);
  });

  it('computes the time left at the pace so far', () => {
    expect(etaSeconds(0.25, 3000)).toBe(9);
    expect(etaSeconds(0, 3000)).toBeUndefined();
  });

  it('draws one line for all rebuilds: bar, share, events, events/s, ETA, how many ended', () => {
    const line = formatOverallProgress([running('500:0', 500, 1000), { ...running('1000:0', 1000, 1000), phase: 'done' }], 2);
    expect(line).toBe('[##################------] 75%  1,500 events  500 events/s  ETA 0 s  1/2 done');
    // A rebuild that has not reported yet counts as not started.
    expect(formatOverallProgress([running('500:0', 500, 1000)], 2)).toBe('[######------------------] 25%  500 events  500 events/s  ETA 3 s  0/2 done');
  });

  it('writes a plain line per rebuild for logs, naming the service, instance and projection', () => {
    expect(formatProgressLine('snapshot-orchestrator', running('500:0', 500, 1000))).toBe(
      'snapshot-orchestrator snapshot-orchestrator-1a2b3c4d snapshots: 50%, 500 events, 500 events/s, ETA 1 s',
    );
    expect(formatProgressLine('snapshot-orchestrator', { ...running('1000:0', 2000, 1000), phase: 'done' })).toBe(
      'snapshot-orchestrator snapshot-orchestrator-1a2b3c4d snapshots: rebuilt from 2,000 events in 1.0 s (2,000 events/s) up to 1000:0, swapped in',
    );
    expect(formatProgressLine('snapshot-orchestrator', { ...running(undefined, 0, 0), phase: 'failed', error: 'boom' })).toBe(
      'snapshot-orchestrator snapshot-orchestrator-1a2b3c4d snapshots: FAILED after 0 events: boom',
    );
  });
});

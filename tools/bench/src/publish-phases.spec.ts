import { formatPhaseMedians, publishPhases } from './publish-phases.js';
import type { ProfileVersionView } from './snapforge-api.js';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, 0, ms)).toISOString();
const start = Date.parse(at(0));

function version(job: ProfileVersionView['latest_job']): ProfileVersionView {
  return { version: 1, published_at: at(10), usable: true, current_snapshot: null, latest_job: job };
}

describe('publishPhases', () => {
  it('splits the time from the request to usable at the services timestamps', () => {
    const job = { id: 'j', status: 'succeeded', started_at: at(100), finished_at: at(900) };
    expect(publishPhases(start, version(job), start + 930)).toEqual({ publish: 10, pickup: 90, build: 800, notice: 30 });
  });

  it('gives nothing when the job lacks a timestamp', () => {
    expect(publishPhases(start, version({ id: 'j', status: 'succeeded', started_at: at(100), finished_at: null }), start + 930)).toBeUndefined();
    expect(publishPhases(start, version(null), start + 930)).toBeUndefined();
  });
});

describe('formatPhaseMedians', () => {
  it('gives the median of each phase in whole milliseconds', () => {
    const runs = [
      { publish: 10, pickup: 60, build: 800, notice: 30 },
      { publish: 11, pickup: 61, build: 801, notice: 31 },
    ];
    expect(formatPhaseMedians(runs)).toBe('publish 11, pickup 61, build 801, notice 31');
  });

  it('says so when no run had every timestamp', () => {
    expect(formatPhaseMedians([])).toBe('no run had every timestamp');
  });
});

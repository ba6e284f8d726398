import type { ProfileVersionView } from './snapforge-api.js';
import { summarise } from './statistics.js';

/**
 * Where one publish's time went, from the bench's clock and the services' timestamps (all on one
 * host, to the millisecond): the services' share against the build's, when a target is missed.
 */
export const PUBLISH_PHASES = {
  publish: 'POST publish sent to the version published (gateway, profile service, event store)',
  // A publish's job is queued at the version's publish time, so its queued_at tells nothing apart.
  pickup: 'published to the started report received (orchestrator queueing the job, work queue, builder agent)',
  build: 'started to the succeeded report received (the build and its output)',
  notice: 'succeeded report received to usable seen by the bench (snapshot registered, job recorded, profile service projection, gateway, polling)',
} as const;

export type PublishPhase = keyof typeof PUBLISH_PHASES;

/** Milliseconds per phase of a version that became usable; undefined when a timestamp is missing. */
export function publishPhases(requestedAt: number, version: ProfileVersionView, usableSeenAt: number): Record<PublishPhase, number> | undefined {
  const job = version.latest_job;
  if (!job?.started_at || !job.finished_at) return undefined;
  const [published, started, finished] = [version.published_at, job.started_at, job.finished_at].map(Date.parse);
  return { publish: published - requestedAt, pickup: started - published, build: finished - started, notice: usableSeenAt - finished };
}

/** `publish 12, pickup 30, ...`: the median of each phase over the runs (one run: its own), in whole milliseconds. */
export function formatPhaseMedians(runs: readonly Record<PublishPhase, number>[]): string {
  if (runs.length === 0) return 'no run had every timestamp';
  const phases = Object.keys(PUBLISH_PHASES) as PublishPhase[];
  return phases.map((phase) => `${phase} ${Math.round(summarise(runs.map((run) => run[phase])).median)}`).join(', ');
}

import { buildOutputSubject, buildQueueConfig, BUILD_QUEUE } from './build-jobs.js';
import { healthRpc } from './health.js';
import { snapshotRpc } from './snapshots.js';

describe('build queue configuration', () => {
  it('defaults to a 30 s heartbeat window and three deliveries', () => {
    expect(buildQueueConfig({})).toEqual({ ...BUILD_QUEUE, ackWaitMs: 30_000, maxDeliver: 3 });
  });

  it('takes positive integers from the environment and ignores anything else', () => {
    expect(buildQueueConfig({ SNAPFORGE_BUILD_ACK_WAIT_MS: '2000', SNAPFORGE_BUILD_MAX_DELIVER: '5' })).toMatchObject({ ackWaitMs: 2_000, maxDeliver: 5 });
    expect(buildQueueConfig({ SNAPFORGE_BUILD_ACK_WAIT_MS: '-1', SNAPFORGE_BUILD_MAX_DELIVER: 'many' })).toMatchObject({ ackWaitMs: 30_000, maxDeliver: 3 });
  });
});

describe('subjects', () => {
  it('follow snapforge.<service>.<verb>', () => {
    expect(healthRpc('scheduler').subject).toBe('snapforge.scheduler.health');
    expect(snapshotRpc.create.subject).toBe('snapforge.snapshot-orchestrator.snapshot.create');
    expect(buildOutputSubject('abc')).toBe('snapforge.build-output.abc');
  });
});

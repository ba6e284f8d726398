import { ACTIVITY_EVENTS, ACTIVITY_STREAMS, workspaceActivity } from './replay-event-mix.js';

describe('workspaceActivity', () => {
  it('decides the announced events of a snapshot, a sandbox, a profile and its version, unique per n', () => {
    const first = workspaceActivity(1, 'ws-1', Date.UTC(2026, 0, 1));
    expect(first).toHaveLength(ACTIVITY_STREAMS);
    expect(first.flatMap((stream) => stream.events)).toHaveLength(ACTIVITY_EVENTS);
    expect(first.map((stream) => [stream.streamName, stream.events.map((event) => event.type)])).toEqual([
      ['snapshot-snap-1', ['SnapshotRequested', 'SnapshotBuildStarted', 'SnapshotBuilt']],
      ['sandbox-box-1', ['SandboxCreated', 'SandboxReady', 'SandboxUpdated', 'SandboxStopped', 'SandboxStarted', 'SandboxReady']],
      ['profile-prof-1', ['ProfileCreated', 'ProfileDraftUpdated', 'ProfileVersionPublished']],
      ['profile_version-prof-1:1', ['ProfileVersionOpened', 'SnapshotJobQueued', 'SnapshotJobStarted', 'SnapshotJobSucceeded']],
    ]);
    const second = workspaceActivity(2, 'ws-1', Date.UTC(2026, 0, 1));
    const firstNames = first.map((stream) => stream.streamName);
    expect(second.filter((stream) => firstNames.includes(stream.streamName))).toEqual([]);
  });
});

import type { Decider } from '@snapforge/domain';
import {
  profileDecider,
  profileStreamName,
  profileVersionDecider,
  profileVersionStreamName,
  sandboxDecider,
  sandboxStreamName,
  snapshotDecider,
  snapshotStreamName,
} from '@snapforge/domain';

/** The events of one stream, in order, as the deciders produced them. */
export interface StreamHistory {
  readonly streamName: string;
  readonly events: readonly { readonly type: string; readonly data: object }[];
}

/** Streams and events one `workspaceActivity` makes: a snapshot, a sandbox, a profile and its version's job series. */
export const ACTIVITY_STREAMS = 4;
export const ACTIVITY_EVENTS = 16;

/**
 * What one workspace does in a day, decided by the domain's deciders so that every event is one the
 * services could have written: a snapshot built (3 events), a sandbox booted, renamed, stopped and
 * started again (6), a profile created, drafted and published (3), and its version's first snapshot
 * job run (4). `n` makes the ids and names unique.
 */
export function workspaceActivity(n: number, workspaceId: string, startMs: number): StreamHistory[] {
  let tick = 0;
  const at = () => new Date(startMs + n * 1_000 + tick++).toISOString();
  const snapshotId = `snap-${n}`;
  const sandboxId = `box-${n}`;
  const profileId = `prof-${n}`;
  const imageRef = `snapforge/snapshot:${snapshotId}`;
  const spec = { baseImage: 'snapforge/busybox:latest', setupScript: `echo ${n} > /etc/motd` };
  return [
    {
      streamName: snapshotStreamName(snapshotId),
      events: decided(snapshotDecider, [
        {
          type: 'RequestSnapshot',
          data: { snapshotId, workspaceId, name: `snapshot-${n}`, source: { kind: 'image', dockerImage: 'snapforge/busybox:latest' }, fsCapacityBytes: 1024 ** 3, buildTimeoutSeconds: 600, requestedAt: at() },
        },
        { type: 'StartBuild', data: { agentId: 'agent-1', attempt: 1, startedAt: at() } },
        { type: 'CompleteBuild', data: { imageRef, imageDigest: `sha256:${n.toString(16).padStart(64, '0')}`, fsUsedBytes: 4_194_304, runConfig: { workDir: '/' }, completedAt: at() } },
      ]),
    },
    {
      streamName: sandboxStreamName(sandboxId),
      events: decided(sandboxDecider, [
        {
          type: 'CreateSandbox',
          data: { sandboxId, workspaceId, name: `box-${n}`, snapshotId, hostId: 'host-a', imageRef, vcpus: 1, memBytes: 536_870_912, runConfig: { workDir: '/' }, idleTtlSeconds: 600, deleteAfterStopSeconds: 3600, at: at() },
        },
        { type: 'MarkSandboxReady', data: { containerId: `ctr-${n}-1`, dataplaneUrl: 'http://127.0.0.1:8081', at: at() } },
        { type: 'UpdateSandbox', data: { name: `renamed-box-${n}`, at: at() } },
        { type: 'StopSandbox', data: { reason: 'idle', at: at() } },
        { type: 'StartSandbox', data: { at: at() } },
        { type: 'MarkSandboxReady', data: { containerId: `ctr-${n}-2`, dataplaneUrl: 'http://127.0.0.1:8081', at: at() } },
      ]),
    },
    {
      streamName: profileStreamName(profileId),
      events: decided(profileDecider, [
        { type: 'CreateProfile', data: { profileId, workspaceId, name: `profile-${n}`, at: at() } },
        { type: 'UpdateDraft', data: { ...spec, at: at() } },
        { type: 'PublishProfile', data: { at: at() } },
      ]),
    },
    {
      streamName: profileVersionStreamName(profileId, 1),
      events: decided(profileVersionDecider, [
        { type: 'OpenVersion', data: { profileId, workspaceId, version: 1, spec, firstJobId: `job-${n}`, at: at() } },
        { type: 'StartSnapshotJob', data: { jobId: `job-${n}`, agentId: 'agent-1', attempt: 1, at: at() } },
        { type: 'SucceedSnapshotJob', data: { jobId: `job-${n}`, imageRef: `snapforge/profile:job-${n}`, imageDigest: 'sha256:beef', sizeBytes: 4_194_304, at: at() } },
      ]),
    },
  ];
}

function decided<Command, State, Event>(decider: Decider<Command, State, Event>, commands: readonly Command[]): Event[] {
  const events: Event[] = [];
  let state = decider.initialState();
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  return events;
}

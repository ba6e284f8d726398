import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import {
  profileVersionDecider,
  profileVersionStreamName,
  sandboxDecider,
  sandboxStreamName,
  snapshotDecider,
  snapshotStreamName,
} from '@snapforge/domain';
import { createEventStore, handleCommand, type EventStore, type RecordedEvent } from '@snapforge/event-store';
import { runSnapforgeCli, startNatsServer, tempDir, type CliRun, type NatsServerHandle } from '@snapforge/testing';

/** Lets the clock pass the time of the event just appended, so that `--at` can fall between two events. */
async function afterRecorded(event: RecordedEvent | undefined): Promise<void> {
  while (event && Date.now() <= event.recordedAt.getTime() + 1) await new Promise((resolve) => setTimeout(resolve, 2));
}

const comparable = ({ streamName, revision, id, type, data, metadata }: RecordedEvent) => ({ streamName, revision, id, type, data, metadata });

async function readAll(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/**
 * The replay commands as child processes against a real nats-server, on events the domain's
 * deciders appended through the event store as the services do, plus one event stored by the code
 * before schema versions.
 */
describe('snapforge replay', () => {
  let server: NatsServerHandle;
  let nc: NatsConnection;
  let store: EventStore;
  let stored: EventStore;
  let dir: { path: string; remove(): Promise<void> };
  const nats = () => ['--nats', server.url];
  const workspaceId = randomUUID();
  const snapshotId = randomUUID();
  const sandboxId = randomUUID();
  const profileId = randomUUID();
  const oldSandboxId = randomUUID();
  const at = () => new Date().toISOString();

  beforeAll(async () => {
    server = await startNatsServer();
    dir = await tempDir('replay');
    nc = await connect({ servers: server.url });
    store = await createEventStore({ nc, env: {} });
    stored = await createEventStore({ nc, env: {}, storedForm: true });

    const snapshot = snapshotStreamName(snapshotId);
    const steps = [
      { type: 'RequestSnapshot', data: { snapshotId, workspaceId, name: 'tools', source: { kind: 'image', dockerImage: 'snapforge/busybox:latest' }, fsCapacityBytes: 1024 ** 3, buildTimeoutSeconds: 600, requestedAt: at() } },
      { type: 'StartBuild', data: { agentId: 'agent-1', attempt: 1, startedAt: at() } },
      { type: 'CompleteBuild', data: { imageRef: `snapforge/snapshot:${snapshotId}`, imageDigest: 'sha256:feed', fsUsedBytes: 4096, runConfig: {}, completedAt: at() } },
    ] as const;
    for (const command of steps) {
      await handleCommand(store, snapshotDecider, snapshot, command);
      await afterRecorded((await store.readStream(snapshot)).at(-1));
    }
    const sandbox = sandboxStreamName(sandboxId);
    await handleCommand(store, sandboxDecider, sandbox, {
      type: 'CreateSandbox',
      data: { sandboxId, workspaceId, name: 'box', snapshotId, hostId: 'host-a', imageRef: `snapforge/snapshot:${snapshotId}`, runConfig: {}, idleTtlSeconds: 600, deleteAfterStopSeconds: 3600, at: at() },
    });
    await handleCommand(store, sandboxDecider, sandbox, { type: 'UpdateSandbox', data: { name: 'box-renamed', at: at() } });
    const version = profileVersionStreamName(profileId, 1);
    await handleCommand(store, profileVersionDecider, version, {
      type: 'OpenVersion',
      data: { profileId, workspaceId, version: 1, spec: { baseImage: 'snapforge/busybox:latest', setupScript: 'true' }, firstJobId: 'job-1', at: at() },
    });
    // As the code before schema versions wrote it: no metadata, a rename as name + previousName.
    const old = { sandboxId: oldSandboxId, workspaceId, version: 2, name: 'new-name', previousName: 'old-name', updatedAt: at() };
    await stored.append(sandboxStreamName(oldSandboxId), [
      { id: randomUUID(), type: 'SandboxCreated', data: { sandboxId: oldSandboxId, workspaceId, name: 'old-name', snapshotId, hostId: 'host-a', imageRef: 'i', runConfig: {}, idleTtlSeconds: 0, deleteAfterStopSeconds: 0, createdAt: at() } },
      { id: randomUUID(), type: 'SandboxUpdated', data: old },
    ], { expectedRevision: 'no_stream' });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await stored?.close();
    await nc?.close();
    await server?.stop();
    await dir?.remove();
  });

  describe('stream', () => {
    it('prints the events of a stream as a table: position, revision, time, type and key fields', async () => {
      const run = await runSnapforgeCli(['replay', 'stream', snapshotStreamName(snapshotId), ...nats()]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const [header, ...rows] = run.stdout.trimEnd().split('\n');
      expect(header).toMatch(/^POSITION +REV +TIME +TYPE +KEY FIELDS$/);
      const events = await store.readStream(snapshotStreamName(snapshotId));
      expect(rows).toHaveLength(3);
      rows.forEach((row, index) => {
        const event = events[index];
        expect(row).toMatch(new RegExp(`^${event?.position.commit}:0 +${index} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +${event?.type} +snapshotId=${snapshotId.slice(0, 10)}`));
      });
      expect(rows[1]).toContain('attempt=1');
    });

    it('prints the events as one JSON array with --json, old events upcast to the current schema', async () => {
      const run = await runSnapforgeCli(['replay', 'stream', sandboxStreamName(oldSandboxId), '--json', ...nats()]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const records = JSON.parse(run.stdout) as { streamName: string; revision: number; type: string; data: Record<string, unknown>; metadata?: unknown; position: string; recordedAt: string }[];
      const events = await store.readStream(sandboxStreamName(oldSandboxId));
      expect(records).toEqual(
        events.map((event) => ({ ...comparable(event), recordedAt: event.recordedAt.toISOString(), position: `${event.position.commit}:${event.position.prepare}` })),
      );
      expect(records[1]?.data).toMatchObject({ rename: { from: 'old-name', to: 'new-name' } });
      expect(records[1]?.metadata).toEqual({ schemaVersion: 2 });
    });

    it('says there is no such stream, exiting 1', async () => {
      const run = await runSnapforgeCli(['replay', 'stream', 'snapshot-nothing-here', ...nats()]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`snapforge: no stream 'snapshot-nothing-here' in JetStream stream SNAPFORGE_EVENTS on ${server.url} (it has no events)\n`);
    });
  });

  describe('status', () => {
    it('shows a snapshot as it was before and after its build completed', async () => {
      const [requested, started, built] = await store.readStream(snapshotStreamName(snapshotId));
      const status = async (time: Date | undefined) => {
        const run = await runSnapforgeCli(['replay', 'status', 'snapshot', snapshotId, '--at', time?.toISOString() ?? '', '--json', ...nats()]);
        expect(run).toMatchObject({ code: 0, stderr: '' });
        return JSON.parse(run.stdout) as { eventsApplied: number; revision: number; state: Record<string, unknown> };
      };
      const before = await status(requested?.recordedAt);
      expect(before).toMatchObject({ eventsApplied: 1, revision: 0, state: { status: 'building', lastAttempt: 0, name: 'tools' } });
      expect(before.state).not.toHaveProperty('imageDigest');
      expect(await status(started?.recordedAt)).toMatchObject({ eventsApplied: 2, state: { status: 'building', lastAttempt: 1 } });
      expect(await status(built?.recordedAt)).toMatchObject({
        eventsApplied: 3,
        revision: 2,
        state: { status: 'ready', imageDigest: 'sha256:feed', referencedBy: [] },
      });
    });

    it('prints the state readably, now by default', async () => {
      const run = await runSnapforgeCli(['replay', 'status', 'snapshot', snapshotId, ...nats()]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^snapshot ${snapshotId} as of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\n`));
      expect(run.stdout).toMatch(/\nevents: +3 of 3 \(up to revision 2, recorded .+\)\n/);
      expect(run.stdout).toMatch(/\nstatus: +ready\n/);
      expect(run.stdout).toMatch(/\nreferencedBy: +\(none\)\n/);
    });

    it("shows a version's job series and a sandbox renamed by an event of the old schema", async () => {
      const version = await runSnapforgeCli(['replay', 'status', 'version', `${profileId}:1`, '--json', ...nats()]);
      expect(version).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(version.stdout)).toMatchObject({
        streamName: profileVersionStreamName(profileId, 1),
        state: { status: 'open', activeJobId: 'job-1', jobs: { 'job-1': { status: 'queued' } }, handledSlots: [] },
      });
      const renamed = await runSnapforgeCli(['replay', 'status', 'sandbox', sandboxId, '--json', ...nats()]);
      expect(JSON.parse(renamed.stdout)).toMatchObject({ state: { name: 'box-renamed', version: 2 } });
      const old = await runSnapforgeCli(['replay', 'status', 'sandbox', oldSandboxId, '--json', ...nats()]);
      expect(JSON.parse(old.stdout)).toMatchObject({ state: { name: 'new-name', version: 2 } });
    });

    it('says when the aggregate did not exist yet, or not at all, exiting 1', async () => {
      const early = await runSnapforgeCli(['replay', 'status', 'snapshot', snapshotId, '--at', '2020-01-01T00:00:00Z', ...nats()]);
      expect(early.code).toBe(1);
      expect(early.stderr).toMatch(new RegExp(`^snapforge: snapshot ${snapshotId} did not exist yet at 2020-01-01T00:00:00.000Z: its first event was recorded at `));
      const missing = await runSnapforgeCli(['replay', 'status', 'sandbox', 'no-such-box', ...nats()]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('snapforge: no sandbox no-such-box: stream sandbox-no-such-box has no events\n');
    });
  });

  describe('command line', () => {
    it.each([
      [['replay', 'status', 'profile', 'x'], "unknown KIND 'profile': expected snapshot, version, sandbox"],
      [['replay', 'status', 'version', 'prof-1'], "ID 'prof-1' is not PROFILE_ID:VERSION"],
      [['replay', 'status', 'version', 'prof-1:0'], "ID 'prof-1:0' is not PROFILE_ID:VERSION"],
      [['replay', 'status', 'snapshot', 'x', '--at', 'yesterday'], "--at: expected an ISO 8601 time with a zone, such as 2026-11-25T14:00:00Z, got 'yesterday'"],
      [['replay', 'status', 'snapshot', 'x', '--at', '2026-11-25T14:00:00'], "--at: expected an ISO 8601 time with a zone"],
      [['replay', 'status', 'snapshot'], 'missing ID'],
      [['replay', 'stream'], 'missing NAME'],
      [['replay', 'export', 'a', 'b'], "unexpected argument 'b'"],
      [['replay', 'import', 'x', '--stream', 'S'], "unknown option '--stream'"],
      [['replay', 'rewind'], "unknown command 'replay rewind'"],
    ])('refuses %j before connecting, exiting 2', async (args, message) => {
      // A NATS URL nothing answers on: a usage error must come before any connection.
      const run = await runSnapforgeCli([...args, '--nats', 'nats://127.0.0.1:1']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`snapforge: ${message}`);
      expect(run.stderr).toContain('Usage: snapforge replay');
    });

    it('documents the commands in --help', async () => {
      const run = await runSnapforgeCli(['replay', '--help']);
      expect(run.code).toBe(0);
      for (const command of ['stream NAME', 'status KIND ID', 'export FILE', 'import FILE']) expect(run.stdout).toContain(`replay ${command}`);
    });

    it('says when NATS cannot be reached, exiting 1', async () => {
      const run = await runSnapforgeCli(['replay', 'stream', 'x', '--nats', 'nats://127.0.0.1:1']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^snapforge: cannot reach NATS at nats:\/\/127\.0\.0\.1:1 /);
    });
  });

  describe('export and import', () => {
    const copy = ['--js-stream', 'SNAPFORGE_EVENTS_COPY', '--js-subjects', 'copy.es'];
    let file: string;
    let exported: CliRun;

    beforeAll(async () => {
      file = join(dir.path, 'events.ndjson');
      exported = await runSnapforgeCli(['replay', 'export', file, ...nats()]);
    });

    it('exports every event in global order, as stored, one JSON object a line', async () => {
      expect(exported.code).toBe(0);
      const all = await readAll(stored);
      expect(exported.stderr).toContain(`exported ${all.length} events of 4 streams from JetStream stream SNAPFORGE_EVENTS on ${server.url} to ${file}\n`);
      const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map(({ streamName, revision, id, type, data, metadata }) => ({ streamName, revision, id, type, data, metadata }))).toEqual(all.map(comparable));
      const oldRename = lines.find((line) => line['streamName'] === sandboxStreamName(oldSandboxId) && line['type'] === 'SandboxUpdated');
      expect(oldRename).not.toHaveProperty('metadata');
      expect(oldRename?.['data']).toMatchObject({ name: 'new-name', previousName: 'old-name' });
    });

    it('imports into a fresh JetStream stream every event equal: stream, revision, id, type, data and metadata', async () => {
      const run = await runSnapforgeCli(['replay', 'import', file, ...nats(), ...copy]);
      expect(run.code).toBe(0);
      const original = await readAll(stored);
      expect(run.stderr).toContain(`imported ${original.length} events of 4 streams from ${file} into JetStream stream SNAPFORGE_EVENTS_COPY`);
      const target = await createEventStore({ nc, env: {}, storedForm: true, jetstream: { streamName: 'SNAPFORGE_EVENTS_COPY', subjectPrefix: 'copy.es' } });
      const imported = await readAll(target);
      expect(imported.map(comparable)).toEqual(original.map(comparable));
      // One commit there, one commit here: the fixture's two old events went in with one append.
      const commits = (events: RecordedEvent[]) => events.map((event) => event.position.prepare);
      expect(commits(imported)).toEqual(commits(original));
      const upcast = await createEventStore({ nc, env: {}, jetstream: { streamName: 'SNAPFORGE_EVENTS_COPY', subjectPrefix: 'copy.es' } });
      expect((await upcast.readStream(sandboxStreamName(oldSandboxId)))[1]?.data).toMatchObject({ rename: { from: 'old-name', to: 'new-name' } });
      await Promise.all([target.close(), upcast.close()]);
    });

    it('refuses to import into a store that has events, and to export over a file, exiting 1', async () => {
      const before = (await readAll(stored)).length;
      const run = await runSnapforgeCli(['replay', 'import', file, ...nats()]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^snapforge: the target event store is not empty \(its newest event is at \d+:\d+\): import only into an empty store\n$/);
      expect(await readAll(stored)).toHaveLength(before);

      const again = await runSnapforgeCli(['replay', 'export', file, ...nats()]);
      expect(again.code).toBe(1);
      expect(again.stderr).toBe(`snapforge: ${file} already exists: export writes a new file\n`);
    });

    it('names the line of a file that is not an export, exiting 1', async () => {
      const bad = join(dir.path, 'bad.ndjson');
      const [first] = (await readFile(file, 'utf8')).split('\n');
      await writeFile(bad, `${first}\n{"streamName":"s","revision":-1}\n`);
      const run = await runSnapforgeCli(['replay', 'import', bad, ...nats(), '--js-stream', 'SNAPFORGE_EVENTS_BAD', '--js-subjects', 'bad.es']);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`snapforge: ${bad}:2: not an exported event: revision must be a whole number\n`);
    });
  });
});

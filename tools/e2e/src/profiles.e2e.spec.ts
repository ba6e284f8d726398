import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { SandboxClient } from 'langsmith/sandbox';
import { JetStreamEventStore } from '@snapforge/event-store';
import { dockerForTests, startServiceStack, type DockerForTests, type ServiceStack } from '@snapforge/testing';
import { settledVersion, workspaceApi, type Json, type WorkspaceApi } from './workspace-api.js';


/** Profiles end to end: publish, snapshot jobs, refresh, sessions, scheduled refresh with two schedulers. */
describe('sandbox profiles', () => {
  let docker: DockerForTests;
  let stack: ServiceStack;
  let apiKey: string;
  let api: WorkspaceApi;
  let client: SandboxClient;
  let baseImage: string;

  beforeAll(async () => {
    docker = await dockerForTests();
    // A base image of the profile's own, so that a refresh can be made to fail by taking it away.
    baseImage = `snapforge/e2e-profile-base:${randomUUID().slice(0, 8)}`;
    const [repo, tag] = baseImage.split(':') as [string, string];
    await docker.docker.getImage(docker.baseImage).tag({ repo, tag });
    stack = await startServiceStack({ env: { SNAPFORGE_SCHEDULER_TICK_MS: '250' } });
    await stack.startService('scheduler', {}, 'scheduler-2');
    ({ apiKey } = await stack.createWorkspace('profiles'));
    client = new SandboxClient({ apiEndpoint: `${stack.url}/v2/sandboxes`, apiKey, maxRetries: 0 });
    api = workspaceApi(stack.url, apiKey);
  });

  afterAll(async () => {
    await stack?.stop();
    await docker?.docker.getImage(baseImage).remove().catch(() => undefined);
    await docker?.cleanup();
  });

  async function jobSettled(jobId: string): Promise<Json> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { body } = await api('GET', `/v1/snapshot-jobs/${jobId}`);
      if ((body.status !== 'queued' && body.status !== 'running') || Date.now() > deadline) return body;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  let profileId: string;
  let v1Digest: string;

  it('publishes a version whose job builds the setup script, and starts a session that sees its files', async () => {
    const created = await api('POST', '/v1/profiles', { name: `tools-${randomUUID().slice(0, 8)}` });
    expect(created.status).toBe(201);
    profileId = created.body.id;
    const draft = await api('PUT', `/v1/profiles/${profileId}/draft`, {
      base_image: baseImage,
      setup_script: 'mkdir -p /opt/tool\necho "tool 1.0" > /opt/tool/version\necho installed',
    });
    expect(draft.status).toBe(200);
    const published = await api('POST', `/v1/profiles/${profileId}/publish`);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 1, usable: false });

    const version = await waitForUsable(1);
    const job = await jobSettled(version.latest_job.id);
    expect(job).toMatchObject({ status: 'succeeded', trigger: 'publish', error_code: null });
    expect(job.started_at).toBeTruthy();
    expect(job.finished_at).toBeTruthy();
    v1Digest = version.current_snapshot.image_digest;
    const output = await fetch(`${stack.url}/v1/snapshot-jobs/${job.id}/output`, { headers: { 'x-api-key': apiKey } });
    expect(await output.text()).toContain('installed');

    const session = await api('POST', `/v1/profiles/${profileId}/sessions`, {});
    expect(session.status).toBe(201);
    const box = await client.getSandbox(session.body.name);
    const ready = box.status === 'ready' ? box : await client.waitForSandbox(box.name, { timeout: 60 });
    await expect(ready.run('cat /opt/tool/version')).resolves.toMatchObject({ stdout: 'tool 1.0\n', exit_code: 0 });
    await client.deleteSandbox(ready.name);
  });

  it('keeps version 1 active when version 2 fails, and sessions still work', async () => {
    await api('PUT', `/v1/profiles/${profileId}/draft`, { base_image: baseImage, setup_script: 'echo about to fail\nexit 7' });
    const v2 = await api('POST', `/v1/profiles/${profileId}/publish`);
    expect(v2.body.version).toBe(2);
    const job = await jobSettled((await waitForUsable(2)).latest_job.id);
    expect(job).toMatchObject({ status: 'failed', error_code: 'setup_script_failed' });
    expect(job.error_message).toContain('about to fail');
    expect((await api('GET', `/v1/profiles/${profileId}/versions/2`)).body.usable).toBe(false);
    expect((await api('GET', `/v1/profiles/${profileId}`)).body.active_version).toBe(1);
    const refused = await api('POST', `/v1/profiles/${profileId}/sessions`, { version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.detail.error).toBe('PROFILE_VERSION_NOT_USABLE');
    const session = await api('POST', `/v1/profiles/${profileId}/sessions`, {});
    expect(session.status).toBe(201);
    await client.deleteSandbox(session.body.name);
  });

  it('queues exactly one job for 50 concurrent refreshes; the others get 409 naming it', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => api('POST', `/v1/profiles/${profileId}/versions/1/refresh`)));
    const accepted = answers.filter((answer) => answer.status === 202);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(49);
    const jobId = accepted[0]?.body.id;
    for (const answer of refused) {
      expect(answer.body.detail).toMatchObject({ error: 'PROFILE_VERSION_SNAPSHOT_IN_PROGRESS', active_job_id: jobId });
    }
    await expect(jobSettled(jobId)).resolves.toMatchObject({ status: 'succeeded', trigger: 'manual_refresh' });
  });

  it('keeps the version usable with its old image when a refresh fails', async () => {
    const before = (await api('GET', `/v1/profiles/${profileId}/versions/1`)).body.current_snapshot.image_digest;
    await docker.docker.getImage(baseImage).remove({ noprune: true });
    const refresh = await api('POST', `/v1/profiles/${profileId}/versions/1/refresh`);
    await expect(jobSettled(refresh.body.id)).resolves.toMatchObject({ status: 'failed', error_code: 'base_image_pull_failed' });
    const version = (await api('GET', `/v1/profiles/${profileId}/versions/1`)).body;
    expect(version).toMatchObject({ usable: true, current_snapshot: { image_digest: before } });
    expect(v1Digest).toMatch(/^sha256:/);
    const [repo, tag] = baseImage.split(':') as [string, string];
    await docker.docker.getImage(docker.baseImage).tag({ repo, tag });
  });

  it('fires a schedule with a seconds field, each slot once, with two schedulers running', async () => {
    expect((await api('PUT', `/v1/profiles/${profileId}/versions/1/refresh-schedule`, { cron: '0 3 * * * *', timezone: 'Nowhere/Else' })).status).toBe(422);
    const set = await api('PUT', `/v1/profiles/${profileId}/versions/1/refresh-schedule`, { cron: '*/3 * * * * *', timezone: 'Europe/Berlin' });
    expect(set.status).toBe(200);
    expect(Date.parse(set.body.next_run_at)).toBeGreaterThan(Date.now() - 1000);

    const slotEvents = (events: { type: string; data: Json }[]) =>
      events.filter((event) => (event.type === 'SnapshotJobQueued' || event.type === 'ScheduledSlotAttached') && event.data.slot);
    const events = await versionEvents(stack, profileId, 1, (all) => slotEvents(all).length >= 2);
    expect((await api('DELETE', `/v1/profiles/${profileId}/versions/1/refresh-schedule`)).status).toBe(204);
    const slots = slotEvents(events).map((event) => event.data.slot);
    expect(slots.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slots).size).toBe(slots.length);
  });

  const waitForUsable = (version: number): Promise<Json> => settledVersion(api, profileId, version);
});

/** The version's own stream, read until `enough` says so: what happened to each slot. */
async function versionEvents(
  stack: ServiceStack,
  profileId: string,
  version: number,
  enough: (events: { type: string; data: Json }[]) => boolean,
): Promise<{ type: string; data: Json }[]> {
  const nc = await connect({ servers: stack.nats.url });
  try {
    const store = await JetStreamEventStore.create(nc);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const events = (await store.readStream(`profile_version-${profileId}:${version}`)) as { type: string; data: Json }[];
      if (enough(events) || Date.now() > deadline) return events;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await nc.close();
  }
}

/** The fields of a snapshot that the bench reads from the gateway. */
export interface SnapshotView {
  readonly id: string;
  readonly status: string;
  readonly status_message?: string | null;
  readonly run_config?: SnapshotRunConfig;
}

/** How a snapshot's sandboxes run: the launcher passes these on to the container. */
export interface SnapshotRunConfig {
  readonly user?: string;
  readonly work_dir?: string;
  readonly env_vars?: Readonly<Record<string, string>>;
}

export interface SnapshotRequest {
  readonly name: string;
  readonly docker_image: string;
  readonly fs_capacity_bytes: number;
  readonly registry_id?: string;
}

export interface BoxRequest {
  readonly name: string;
  readonly snapshot_id: string;
  readonly wait_for_ready: boolean;
  /** Seconds the gateway waits for ready. */
  readonly timeout: number;
}

/** The fields of a sandbox ("box") that the bench reads from the gateway. */
export interface BoxView {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly status_message?: string;
  readonly dataplane_url?: string;
}

export interface ExecuteRequest {
  readonly command: string;
  readonly shell: string;
  /** Seconds before the data plane kills the command. */
  readonly timeout: number;
}

export interface ExecuteResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit_code: number;
}

/** `PUT /v1/profiles/{id}/draft`: what the next published version will be. */
export interface ProfileDraft {
  readonly base_image: string;
  readonly setup_script: string;
}

/** The fields of a profile version's snapshot job that the bench reads. */
export interface SnapshotJobView {
  readonly id: string;
  readonly status: string;
  readonly error_code?: string | null;
  readonly error_message?: string | null;
  /** ISO times set by the orchestrator when it received the builder agent's reports. */
  readonly started_at?: string | null;
  readonly finished_at?: string | null;
}

/** The fields of a published profile version that the bench reads. */
export interface ProfileVersionView {
  readonly version: number;
  readonly published_at: string;
  /** Its first snapshot job succeeded: sessions can start from it. */
  readonly usable: boolean;
  readonly current_snapshot: { readonly image_digest: string; readonly job_id: string } | null;
  readonly latest_job: SnapshotJobView | null;
}

export interface RegistryRequest {
  readonly name: string;
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A job neither queued nor running: it has given its result. */
function isEnded(job: SnapshotJobView | null): boolean {
  return job !== null && job.status !== 'queued' && job.status !== 'running';
}

/** The gateway's HTTP API and the boxes' data plane with one workspace's key, as any client would call them. */
export class SnapforgeApi {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async createRegistry(registry: RegistryRequest): Promise<string> {
    const { id } = await this.json<{ id: string }>('POST', '/api/v2/sandboxes/registries', registry);
    return id;
  }

  requestSnapshot(snapshot: SnapshotRequest): Promise<SnapshotView> {
    return this.json<SnapshotView>('POST', '/v2/sandboxes/snapshots', snapshot);
  }

  snapshot(id: string): Promise<SnapshotView> {
    return this.json<SnapshotView>('GET', `/v2/sandboxes/snapshots/${id}`);
  }

  createBox(box: BoxRequest): Promise<BoxView> {
    return this.json<BoxView>('POST', '/v2/sandboxes/boxes', box);
  }

  async deleteBox(name: string): Promise<void> {
    await this.json<undefined>('DELETE', `/v2/sandboxes/boxes/${name}`);
  }

  /** Answers at once with the new snapshot still `building`: the commit runs after the answer. */
  captureBox(name: string, snapshotName: string): Promise<SnapshotView> {
    return this.json<SnapshotView>('POST', `/v2/sandboxes/boxes/${name}/snapshot`, { name: snapshotName });
  }

  /** Runs a command to its end through the box's data plane (`POST /execute`, not the WebSocket). */
  execute(box: BoxView, command: ExecuteRequest): Promise<ExecuteResult> {
    if (!box.dataplane_url) throw new Error(`box ${box.name} has no dataplane_url`);
    return this.send<ExecuteResult>('POST', `${box.dataplane_url}/execute`, command);
  }

  async createProfile(name: string): Promise<string> {
    const { id } = await this.json<{ id: string }>('POST', '/v1/profiles', { name });
    return id;
  }

  async saveDraft(profileId: string, draft: ProfileDraft): Promise<void> {
    await this.json<object>('PUT', `/v1/profiles/${profileId}/draft`, draft);
  }

  /** Answers at once with the new version not yet usable: its snapshot job is queued after the answer. */
  publish(profileId: string): Promise<ProfileVersionView> {
    return this.json<ProfileVersionView>('POST', `/v1/profiles/${profileId}/publish`);
  }

  profileVersion(profileId: string, version: number): Promise<ProfileVersionView> {
    return this.json<ProfileVersionView>('GET', `/v1/profiles/${profileId}/versions/${version}`);
  }

  /**
   * Waits until the version's first snapshot job has ended, as `settled` does for a snapshot: polls
   * until the job is named on the version (the orchestrator queues it just after the publish), follows
   * its output to the end, then polls until the version says usable or the job failed.
   *
   * The job is looked for at a slower interval: finding it late costs nothing as long as the build
   * has not ended by then, and each GET would take CPU from the orchestrator queueing it.
   */
  async versionSettled(
    profileId: string,
    version: number,
    { pollIntervalMs, jobPollIntervalMs, timeoutMs = 300_000 }: { pollIntervalMs: number; jobPollIntervalMs: number; timeoutMs?: number },
  ): Promise<ProfileVersionView> {
    const deadline = Date.now() + timeoutMs;
    const jobNamed = await this.versionPolled(profileId, version, (view) => view.latest_job !== null, jobPollIntervalMs, deadline);
    if (!jobNamed.latest_job) throw new Error(`profile ${profileId} version ${version} names no snapshot job`);
    await this.jobOutput(jobNamed.latest_job.id, { follow: true, timeoutMs: deadline - Date.now() });
    return this.versionPolled(profileId, version, (view) => view.usable || isEnded(view.latest_job), pollIntervalMs, deadline);
  }

  private async versionPolled(
    profileId: string,
    version: number,
    done: (view: ProfileVersionView) => boolean,
    pollIntervalMs: number,
    deadline: number,
  ): Promise<ProfileVersionView> {
    for (;;) {
      const view = await this.profileVersion(profileId, version);
      if (done(view)) return view;
      if (Date.now() > deadline) throw new Error(`profile ${profileId} version ${version} still not settled: ${JSON.stringify(view)}`);
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  }

  /**
   * Waits until the build has ended: follows its output (one streamed request, so waiting costs the
   * services nothing), then polls for the status, which the orchestrator records just after the
   * output's last line. Polling all along would skew what it measures: each GET costs about 4 ms of
   * CPU (services and bench), so a 10 ms poll takes a third of a core from the build on a small host.
   */
  async settled(id: string, pollIntervalMs: number, timeoutMs = 300_000): Promise<SnapshotView> {
    const deadline = Date.now() + timeoutMs;
    await this.buildOutput(id, { follow: true, timeoutMs });
    return this.polled(id, pollIntervalMs, deadline - Date.now());
  }

  /** Polls until the snapshot is no longer building. */
  private async polled(id: string, pollIntervalMs: number, timeoutMs = 300_000): Promise<SnapshotView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const snapshot = await this.snapshot(id);
      if (snapshot.status !== 'building') return snapshot;
      if (Date.now() > deadline) throw new Error(`snapshot ${id} still building after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  }

  /** The build's output: what is stored so far, or with `follow` everything until the build ends. */
  buildOutput(id: string, options: { follow?: boolean; timeoutMs?: number } = {}): Promise<string> {
    return this.output(`/v1/snapshots/${id}/output`, options);
  }

  /** A profile version's snapshot job's output: what is stored so far, or with `follow` everything until the job ends. */
  jobOutput(jobId: string, options: { follow?: boolean; timeoutMs?: number } = {}): Promise<string> {
    return this.output(`/v1/snapshot-jobs/${jobId}/output`, options);
  }

  /** A build's or a snapshot job's plain-text output, at `path`. */
  private async output(path: string, options: { follow?: boolean; timeoutMs?: number }): Promise<string> {
    const response = await fetch(`${this.baseUrl}${path}${options.follow ? '?follow=true' : ''}`, {
      headers: { 'x-api-key': this.apiKey },
      ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${text}`);
    return text;
  }

  private json<T>(method: HttpMethod, path: string, body?: object): Promise<T> {
    return this.send<T>(method, `${this.baseUrl}${path}`, body);
  }

  /** A content type only with a body: the servers refuse an empty JSON body. A 204 answers `undefined`. */
  private async send<T>(method: HttpMethod, url: string, body?: object): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: { 'x-api-key': this.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

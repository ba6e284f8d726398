/** The fields of a snapshot that the bench reads from the gateway. */
export interface SnapshotView {
  readonly id: string;
  readonly status: string;
  readonly status_message?: string | null;
}

export interface SnapshotRequest {
  readonly name: string;
  readonly docker_image: string;
  readonly fs_capacity_bytes: number;
  readonly registry_id?: string;
}

export interface RegistryRequest {
  readonly name: string;
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

/** The gateway's HTTP API with one workspace's key, as any client would call it. */
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

  /**
   * Waits until the build has ended: follows its output (one streamed request, so waiting costs the
   * services nothing), then polls for the status, which the orchestrator records just after the
   * output's last line. Polling all along would skew what it measures: each GET costs about 4 ms of
   * CPU (services and bench), so a 10 ms poll takes a third of a core from the build on a small host.
   */
  async settled(id: string, pollIntervalMs: number, timeoutMs = 300_000): Promise<SnapshotView> {
    const deadline = Date.now() + timeoutMs;
    await this.buildOutput(id, { follow: true, timeoutMs });
    for (;;) {
      const snapshot = await this.json<SnapshotView>('GET', `/v2/sandboxes/snapshots/${id}`);
      if (snapshot.status !== 'building') return snapshot;
      if (Date.now() > deadline) throw new Error(`snapshot ${id} still building after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  }

  /** The build's output: what is stored so far, or with `follow` everything until the build ends. */
  async buildOutput(id: string, options: { follow?: boolean; timeoutMs?: number } = {}): Promise<string> {
    const response = await fetch(`${this.baseUrl}/v1/snapshots/${id}/output${options.follow ? '?follow=true' : ''}`, {
      headers: { 'x-api-key': this.apiKey },
      ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET output of snapshot ${id} answered ${response.status}: ${text}`);
    return text;
  }

  private async json<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'x-api-key': this.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
export type Json = any;

export type WorkspaceApi = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Json }>;

/** Raw JSON calls to a gateway as one workspace, for what the LangSmith client does not cover. */
export function workspaceApi(baseUrl: string, apiKey: string): WorkspaceApi {
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), 'x-api-key': apiKey },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
}

/** Polls a profile version until it is usable or its latest job failed (or two minutes pass): the version as then. */
export async function settledVersion(api: WorkspaceApi, profileId: string, version: number): Promise<Json> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { body } = await api('GET', `/v1/profiles/${profileId}/versions/${version}`);
    if (body.usable || body.latest_job?.status === 'failed' || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

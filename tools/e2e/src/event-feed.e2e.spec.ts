import { randomUUID } from 'node:crypto';
import { dockerForTests, startServiceStack, type DockerForTests, type ServiceStack } from '@snapforge/testing';

interface FeedMessage {
  readonly id: string;
  readonly event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are checked field by field
  readonly data: any;
}

/** A client of `GET /v1/events`, reading the Server-Sent Events stream as it arrives. */
interface FeedClient {
  readonly messages: FeedMessage[];
  until(predicate: (messages: readonly FeedMessage[]) => boolean, what: string): Promise<void>;
  close(): void;
}

/**
 * The live event feed end to end: a workspace's lifecycle events as Server-Sent Events, resumed
 * with Last-Event-ID without a gap or a repeat, and never another workspace's events.
 */
describe('the live event feed', () => {
  let docker: DockerForTests;
  let stack: ServiceStack;
  let keyA: string;
  let keyB: string;
  let workspaceB: string;
  const feeds: FeedClient[] = [];

  beforeAll(async () => {
    docker = await dockerForTests();
    stack = await startServiceStack();
    ({ apiKey: keyA } = await stack.createWorkspace('feed-a'));
    ({ apiKey: keyB, workspaceId: workspaceB } = await stack.createWorkspace('feed-b'));
  });

  afterAll(async () => {
    for (const feed of feeds) feed.close();
    await stack?.stop();
    await docker?.cleanup();
  });

  async function openFeed(apiKey: string, lastEventId?: string): Promise<FeedClient> {
    const abort = new AbortController();
    const response = await fetch(`${stack.url}/v1/events`, {
      headers: { 'x-api-key': apiKey, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const messages: FeedMessage[] = [];
    const listeners = new Set<() => void>();
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith(':')) opened();
            else messages.push(parseMessage(block));
            for (const listener of listeners) listener();
          }
        }
      } catch (error) {
        if (!abort.signal.aborted) throw error;
      }
    })();
    await open;
    const feed: FeedClient = {
      messages,
      until: (predicate, what) =>
        new Promise<void>((resolve, reject) => {
          const check = () => {
            if (!predicate(messages)) return;
            clearTimeout(timer);
            listeners.delete(check);
            resolve();
          };
          const timer = setTimeout(() => {
            listeners.delete(check);
            reject(new Error(`the feed did not show ${what}; it showed: ${messages.map((m) => `${m.id} ${m.event}`).join(', ')}`));
          }, 60_000);
          listeners.add(check);
          check();
        }),
      close: () => abort.abort(),
    };
    feeds.push(feed);
    return feed;
  }

  async function createSnapshot(apiKey: string): Promise<string> {
    const response = await fetch(`${stack.url}/v2/sandboxes/snapshots`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `feed-${randomUUID().slice(0, 8)}`, docker_image: docker.baseImage, fs_capacity_bytes: 1024 ** 3 }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    docker.track(docker.docker.getImage(`snapforge/snapshot:${id}`));
    return id;
  }

  const has = (type: string, snapshotId: string) => (messages: readonly FeedMessage[]) =>
    messages.some((message) => message.event === type && message.data.data.snapshotId === snapshotId);

  it("streams the workspace's lifecycle events and resumes after Last-Event-ID with no gap and no repeat", async () => {
    const continuous = await openFeed(keyA);
    const otherWorkspace = await openFeed(keyB);
    const first = await openFeed(keyA);

    const one = await createSnapshot(keyA);
    await first.until(has('SnapshotBuilt', one), `SnapshotBuilt of ${one}`);
    first.close();
    const lastSeen = first.messages.at(-1)?.id;
    expect(lastSeen).toBeDefined();

    // Everything from here happens while the client is away.
    const two = await createSnapshot(keyA);
    await continuous.until(has('SnapshotBuilt', two), `SnapshotBuilt of ${two}`);
    const deleted = await fetch(`${stack.url}/v2/sandboxes/snapshots/${one}`, { method: 'DELETE', headers: { 'x-api-key': keyA } });
    expect(deleted.status).toBeLessThan(300);
    await continuous.until(has('SnapshotDeleted', one), `SnapshotDeleted of ${one}`);

    const resumed = await openFeed(keyA, lastSeen);
    const lastOfAll = continuous.messages.at(-1)?.id;
    await resumed.until((messages) => messages.some((message) => message.id === lastOfAll), `event ${lastOfAll}`);

    const seenByTheClient = [...first.messages, ...resumed.messages].map((message) => message.id);
    expect(new Set(seenByTheClient).size).toBe(seenByTheClient.length);
    expect(seenByTheClient).toEqual(continuous.messages.map((message) => message.id));
    expect(continuous.messages.map((message) => message.event)).toEqual(
      expect.arrayContaining(['SnapshotRequested', 'SnapshotBuildStarted', 'SnapshotBuilt', 'SnapshotDeleted']),
    );
    const built = continuous.messages.find((message) => message.event === 'SnapshotBuilt');
    expect(built?.data).toMatchObject({ type: 'SnapshotBuilt', resource: 'snapshot', data: { imageDigest: expect.stringMatching(/^sha256:/) } });

    // Once workspace B's feed shows B's own later event, it has passed every event of A: none got through.
    const own = await createSnapshot(keyB);
    await otherWorkspace.until(has('SnapshotRequested', own), `SnapshotRequested of ${own}`);
    expect(otherWorkspace.messages.filter((message) => message.data.workspace_id !== workspaceB)).toEqual([]);
  });

  it('answers 422 naming Last-Event-ID when it is not an event id, and 401 without an API key', async () => {
    const bad = await fetch(`${stack.url}/v1/events`, { headers: { 'x-api-key': keyA, 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('Last-Event-ID');

    const anonymous = await fetch(`${stack.url}/v1/events`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
  });
});

function parseMessage(block: string): FeedMessage {
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
  }
  return { id: fields.get('id') ?? '', event: fields.get('event') ?? '', data: JSON.parse(fields.get('data') ?? 'null') };
}

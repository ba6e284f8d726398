import type { RegistryAuth } from './image-builder.port.js';

/** A blob of an image as a registry lists it: the compressed layers, the config. */
export interface BlobDescriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

/** An image's manifest for one platform, and the digest of what its reference names (a list, maybe). */
export interface RegistryManifest {
  /** The digest the engine records for a pull of the reference (`RepoDigests`). */
  readonly referenceDigest: string;
  readonly mediaType: string;
  readonly config: BlobDescriptor;
  readonly layers: readonly BlobDescriptor[];
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
];
const LIST_TYPES = new Set(MANIFEST_TYPES.slice(2));
const TIMEOUT_MS = 10_000;

/** Where `ref` lives: `host:5000/team/app:1.0` → host `host:5000`, repository `team/app`, reference `1.0`. */
export function registryLocation(ref: string): { host: string; repository: string; reference: string } {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  const path = hasTag ? name.slice(0, colon) : name;
  // A digest names the manifest even when a tag comes with it.
  const reference = at >= 0 ? ref.slice(at + 1) : hasTag ? name.slice(colon + 1) : 'latest';
  const slash = path.indexOf('/');
  const first = slash < 0 ? '' : path.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') return { host: first, repository: path.slice(slash + 1), reference };
  // Docker Hub, where official images sit under `library/`.
  return { host: 'registry-1.docker.io', repository: slash < 0 ? `library/${path}` : path, reference };
}

/**
 * The manifest the engine pulls for `ref` on `platform`, read from the registry with the same
 * credentials (basic, or a bearer token the registry's auth service gives for them). Loopback
 * registries speak plain HTTP, as the engine allows them to.
 */
export async function fetchRegistryManifest(
  ref: string,
  auth: RegistryAuth | undefined,
  platform: { os: string; architecture: string },
): Promise<RegistryManifest> {
  const { host, repository, reference } = registryLocation(ref);
  const scheme = /^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https';
  const client = new RegistryClient(`${scheme}://${host}/v2/${repository}`, repository, auth);
  const top = await client.manifest(reference);
  let manifest = top.body;
  if (LIST_TYPES.has(top.mediaType)) {
    const entries = (top.body['manifests'] ?? []) as { digest: string; platform?: { os?: string; architecture?: string } }[];
    const entry = entries.find((candidate) => candidate.platform?.os === platform.os && candidate.platform?.architecture === platform.architecture);
    if (!entry) throw new Error(`${ref} has no image for ${platform.os}/${platform.architecture}`);
    manifest = (await client.manifest(entry.digest)).body;
  }
  const config = manifest['config'] as BlobDescriptor | undefined;
  const layers = manifest['layers'] as BlobDescriptor[] | undefined;
  if (!config || !layers) throw new Error(`the manifest of ${ref} lists no config or layers`);
  return { referenceDigest: top.digest, mediaType: (manifest['mediaType'] as string | undefined) ?? top.mediaType, config, layers };
}

class RegistryClient {
  private authorization?: string;

  constructor(
    private readonly baseUrl: string,
    private readonly repository: string,
    private readonly auth: RegistryAuth | undefined,
  ) {}

  async manifest(reference: string): Promise<{ mediaType: string; digest: string; body: Record<string, unknown> }> {
    const response = await this.get(`${this.baseUrl}/manifests/${reference}`);
    const text = await response.text();
    if (!response.ok) throw new Error(`the registry answered ${response.status} for manifest ${reference}`);
    const digest = response.headers.get('docker-content-digest');
    if (!digest) throw new Error(`the registry gave no digest for manifest ${reference}`);
    const body = JSON.parse(text) as Record<string, unknown>;
    return { mediaType: (body['mediaType'] as string | undefined) ?? response.headers.get('content-type') ?? '', digest, body };
  }

  private async get(url: string): Promise<Response> {
    const request = () =>
      fetch(url, { headers: { accept: MANIFEST_TYPES.join(', '), ...(this.authorization ? { authorization: this.authorization } : {}) }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const first = await request();
    if (first.status !== 401 || this.authorization) return first;
    await first.body?.cancel();
    this.authorization = await this.authorize(first.headers.get('www-authenticate') ?? '');
    return request();
  }

  /** The Authorization header a registry's challenge asks for. */
  private async authorize(challenge: string): Promise<string> {
    const basic = this.auth?.username ? `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password ?? ''}`).toString('base64')}` : undefined;
    if (/^basic/i.test(challenge)) {
      if (!basic) throw new Error('the registry wants credentials and none were given');
      return basic;
    }
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key as string, value as string]));
    if (!/^bearer/i.test(challenge) || !params['realm']) throw new Error(`unsupported registry challenge: ${challenge.split(' ')[0] ?? '(none)'}`);
    const tokenUrl = new URL(params['realm']);
    if (params['service']) tokenUrl.searchParams.set('service', params['service']);
    tokenUrl.searchParams.set('scope', params['scope'] ?? `repository:${this.repository}:pull`);
    const response = await fetch(tokenUrl, { headers: basic ? { authorization: basic } : {}, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`the registry's auth service answered ${response.status}`);
    const { token, access_token: accessToken } = (await response.json()) as { token?: string; access_token?: string };
    if (!token && !accessToken) throw new Error("the registry's auth service gave no token");
    return `Bearer ${token ?? accessToken}`;
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LabelledImageConfig } from './config-only-image-archive.js';
import type { RegistryManifest } from './registry-manifests.js';

const REPOSITORY = 'snapforge-relabel';

export interface RelabelRegistry {
  /** What to pull: `127.0.0.1:<port>/snapforge-relabel:<random tag>`. */
  readonly ref: string;
  /** The digest the engine records for the pull (`<repository>@<digest>` in `RepoDigests`). */
  readonly digestRef: string;
  close(): Promise<void>;
}

/**
 * A registry on a loopback port that holds one image: `manifest` with its config swapped for
 * `config`, the same layers. Pulling it gives an engine that pulled the source the labelled image
 * at once: every layer already exists there, so only the manifest and the config travel, and the
 * engine neither downloads nor unpacks anything. A layer it asks for is answered 404 (the pull then
 * fails, and the caller takes another way).
 */
export async function serveRelabelledManifest(manifest: RegistryManifest, { config, digest }: LabelledImageConfig): Promise<RelabelRegistry> {
  const body = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: manifest.mediaType,
      config: { mediaType: manifest.config.mediaType, digest, size: config.length },
      layers: manifest.layers,
    }),
  );
  const manifestDigest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  const tag = randomBytes(8).toString('hex');
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '';
    const send = (status: number, headers: Record<string, string | number> = {}, content?: Buffer) => {
      response.writeHead(status, { 'docker-distribution-api-version': 'registry/2.0', ...headers });
      response.end(request.method === 'HEAD' ? undefined : content);
    };
    if (path === '/v2/') return send(200, { 'content-type': 'application/json' }, Buffer.from('{}'));
    if (path === `/v2/${REPOSITORY}/manifests/${tag}` || path === `/v2/${REPOSITORY}/manifests/${manifestDigest}`) {
      return send(200, { 'content-type': manifest.mediaType, 'content-length': body.length, 'docker-content-digest': manifestDigest }, body);
    }
    if (path === `/v2/${REPOSITORY}/blobs/${digest}`) {
      return send(200, { 'content-type': 'application/octet-stream', 'content-length': config.length, 'docker-content-digest': digest }, config);
    }
    send(404);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ref: `${host}/${REPOSITORY}:${tag}`,
    digestRef: `${host}/${REPOSITORY}@${manifestDigest}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

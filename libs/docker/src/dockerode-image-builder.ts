import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { splitReference } from './base-image.js';
import { configOnlyImageArchive, labelledImageConfig, type LabelledImageConfig } from './config-only-image-archive.js';
import type { ImageBuilder, ImageSummary, PullOptions, RegistryAuth } from './image-builder.port.js';
import { followProgress } from './docker-engine.js';
import { progressPrinter } from './pull-progress.js';
import { engineStatus } from './docker-errors.js';
import { fetchRegistryManifest, type RegistryManifest } from './registry-manifests.js';
import { serveRelabelledManifest } from './relabel-registry.js';

/** Manifests read for relabels to come, at most this many (a build that failed never asks for its own). */
const MAX_PENDING_MANIFESTS = 64;

/** The ImageBuilder port on a Docker Engine. */
export class DockerodeImageBuilder implements ImageBuilder {
  private readonly pendingManifests = new Map<string, Promise<RegistryManifest | undefined>>();
  private platform?: Promise<{ os: string; architecture: string }>;

  constructor(private readonly docker: Docker) {}

  async hasImage(ref: string): Promise<boolean> {
    try {
      await this.docker.getImage(ref).inspect();
      return true;
    } catch (error) {
      if (engineStatus(error) === 404) return false;
      throw error;
    }
  }

  async pull(ref: string, options: PullOptions = {}): Promise<void> {
    const { auth, signal, onProgress } = options;
    signal?.throwIfAborted();
    if (options.relabelNext) this.readManifest(ref, auth);
    // The signal goes down to the HTTP request: aborting drops the connection, and the engine stops
    // a pull whose client went away, whether it is still waiting for the registry or streaming.
    const stream = (await this.docker.pull(ref, { ...(auth ? { authconfig: auth } : {}), ...(signal ? { abortSignal: signal } : {}) })) as NodeJS.ReadableStream;
    const print = onProgress ? progressPrinter(onProgress) : undefined;
    await followProgress(this.docker, stream, print);
    signal?.throwIfAborted();
  }

  async inspect(ref: string): Promise<ImageSummary> {
    return summaryOf(await this.docker.getImage(ref).inspect());
  }

  /**
   * An image just pulled from a registry is relabelled by pulling its manifest again with the new
   * config, from a registry on a loopback port: the engine has every layer, so this is a few small
   * requests. Otherwise (a local image, a manifest that cannot be read or does not match what the
   * engine pulled) the new config is loaded as a `docker save` archive, which costs the engine a
   * re-exec of itself to unpack it (about 100-150 ms).
   */
  async relabel(source: string, target: string, labels: Record<string, string>): Promise<ImageSummary> {
    const info = await this.docker.getImage(source).inspect();
    const labelled = labelledImageConfig(info, labels);
    const manifest = await this.pendingManifests.get(source);
    this.pendingManifests.delete(source);
    const pulledAgain = manifest && isManifestOf(manifest, info) && (await this.pullRelabelled(manifest, labelled, target));
    if (!pulledAgain) {
      const archive = configOnlyImageArchive(info, target, labelled);
      await followProgress(this.docker, await this.docker.loadImage(Readable.from([archive]), { quiet: true }));
    }
    // The copy differs from the source only in its labels, and so in its id: no need to ask the engine.
    const copy = summaryOf(info);
    return { ...copy, id: labelled.digest, labels: { ...copy.labels, ...labels } };
  }

  private readManifest(ref: string, auth: RegistryAuth | undefined): void {
    this.platform ??= this.docker.version().then(
      ({ Os, Arch }) => ({ os: Os, architecture: Arch }),
      (error: unknown) => {
        // Asked again next time: one failed answer must not turn every later relabel into a load.
        this.platform = undefined;
        throw error;
      },
    );
    const manifest = this.platform.then((platform) => fetchRegistryManifest(ref, auth, platform)).catch(() => undefined);
    this.pendingManifests.delete(ref);
    this.pendingManifests.set(ref, manifest);
    if (this.pendingManifests.size > MAX_PENDING_MANIFESTS) this.pendingManifests.delete(this.pendingManifests.keys().next().value as string);
  }

  /** Whether the labelled image came from the loopback registry; false leaves nothing behind. */
  private async pullRelabelled(manifest: RegistryManifest, labelled: LabelledImageConfig, target: string): Promise<boolean> {
    const registry = await serveRelabelledManifest(manifest, labelled);
    try {
      const serveraddress = registry.ref.slice(0, registry.ref.indexOf('/'));
      await followProgress(this.docker, await this.docker.pull(registry.ref, { authconfig: { serveraddress } }));
      await this.docker.getImage(registry.ref).tag(splitReference(target));
      return true;
    } catch {
      return false;
    } finally {
      await registry.close();
      // Only the names go: the image stays under `target`.
      for (const name of [registry.ref, registry.digestRef]) await this.remove(name, { force: false });
    }
  }

  async push(ref: string, auth?: RegistryAuth): Promise<string> {
    const image = this.docker.getImage(ref);
    const events = await followProgress(this.docker, await image.push(auth ? { authconfig: auth } : {}));
    // The registry's manifest digest, which another host pulls by: `<repository>@<digest>`.
    const digest = events.map((event) => /digest: (sha256:[0-9a-f]{64})/.exec(event.status ?? '')?.[1]).find(Boolean);
    if (!digest) throw new Error(`pushing ${ref} reported no digest`);
    return `${splitReference(ref).repo}@${digest}`;
  }

  async remove(ref: string, { force = true }: { force?: boolean } = {}): Promise<void> {
    try {
      await this.docker.getImage(ref).remove({ force });
    } catch (error) {
      if (engineStatus(error) !== 404) throw error;
    }
  }
}

/** The manifest is the one the engine pulled the image by, and lists as many layers as it has. */
function isManifestOf(manifest: RegistryManifest, info: Docker.ImageInspectInfo): boolean {
  return manifest.layers.length === (info.RootFS.Layers ?? []).length && (info.RepoDigests ?? []).some((digestRef) => digestRef.endsWith(`@${manifest.referenceDigest}`));
}

function summaryOf(info: Docker.ImageInspectInfo): ImageSummary {
  const config = info.Config ?? {};
  return {
    id: info.Id,
    sizeBytes: info.Size,
    ...(config.User ? { user: config.User } : {}),
    ...(config.WorkingDir ? { workingDir: config.WorkingDir } : {}),
    env: parseEnv(config.Env ?? []),
    labels: config.Labels ?? {},
  };
}

function parseEnv(entries: string[]): Record<string, string> {
  return Object.fromEntries(
    entries.map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
}

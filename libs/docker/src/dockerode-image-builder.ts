import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { splitReference } from './base-image.js';
import { configOnlyImageArchive } from './config-only-image-archive.js';
import type { ImageBuilder, ImageSummary, PullOptions, RegistryAuth } from './image-builder.port.js';
import { followProgress } from './docker-engine.js';
import { progressPrinter } from './pull-progress.js';
import { engineStatus } from './docker-errors.js';

/** The ImageBuilder port on a Docker Engine. */
export class DockerodeImageBuilder implements ImageBuilder {
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

  async relabel(source: string, target: string, labels: Record<string, string>): Promise<ImageSummary> {
    const info = await this.docker.getImage(source).inspect();
    const { archive, imageId } = configOnlyImageArchive(info, target, labels);
    await followProgress(this.docker, await this.docker.loadImage(Readable.from([archive]), { quiet: true }));
    // The copy differs from the source only in its labels, and so in its id: no need to ask the engine.
    const copy = summaryOf(info);
    return { ...copy, id: imageId, labels: { ...copy.labels, ...labels } };
  }

  async push(ref: string, auth?: RegistryAuth): Promise<string> {
    const image = this.docker.getImage(ref);
    const events = await followProgress(this.docker, await image.push(auth ? { authconfig: auth } : {}));
    // The registry's manifest digest, which another host pulls by: `<repository>@<digest>`.
    const digest = events.map((event) => /digest: (sha256:[0-9a-f]{64})/.exec(event.status ?? '')?.[1]).find(Boolean);
    if (!digest) throw new Error(`pushing ${ref} reported no digest`);
    return `${splitReference(ref).repo}@${digest}`;
  }

  async remove(ref: string): Promise<void> {
    try {
      await this.docker.getImage(ref).remove({ force: true });
    } catch (error) {
      if (engineStatus(error) !== 404) throw error;
    }
  }
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

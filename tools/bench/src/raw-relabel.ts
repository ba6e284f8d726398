import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { configOnlyImageArchive, followProgress, labelledImageConfig } from '@snapforge/docker';

/**
 * The builder agent's relabel of an image that did not come from a registry (and its fallback for one
 * that did) as plain engine calls: inspect `source`, then load an archive holding only its config
 * with `labels` added as `target`. A series timed with it tells the engine's share of a snapshot
 * build from what the services add.
 */
export async function loadWithLabels(docker: Docker, source: string, target: string, labels: Readonly<Record<string, string>>): Promise<void> {
  const info = await docker.getImage(source).inspect();
  const archive = configOnlyImageArchive(info, target, labelledImageConfig(info, { ...labels }));
  const stream = await docker.loadImage(Readable.from([archive]), { quiet: true });
  await followProgress(docker, stream);
}

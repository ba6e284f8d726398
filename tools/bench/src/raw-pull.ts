import type Docker from 'dockerode';
import type { ProgressEvent } from '@snapforge/docker';

export interface PullFigures {
  /** Size of the layers the engine downloaded: proof that the run really pulled. */
  readonly downloadedBytes: number;
  readonly layersDownloaded: number;
  readonly layersAlreadyPresent: number;
}

/** A plain dockerode pull to the end of its progress stream, counting what came over the wire. */
export async function pullCounting(docker: Docker, ref: string, authconfig: Docker.AuthConfig): Promise<PullFigures> {
  const stream = await docker.pull(ref, { authconfig });
  // The engine reports bytes in throttled steps, so the last `current` falls short of the layer:
  // its `total` counts, once the layer's download is complete.
  const layerBytes = new Map<string, number>();
  const complete = new Set<string>();
  let present = 0;
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: ProgressEvent[]) => {
        const failure = events?.find((event) => event.error !== undefined || event.errorDetail !== undefined);
        if (error) reject(error);
        else if (failure) reject(new Error(failure.errorDetail?.message ?? failure.error));
        else resolve();
      },
      (event: ProgressEvent) => {
        if (event.status === 'Already exists') present++;
        if (!event.id) return;
        const total = event.progressDetail?.total;
        if (event.status === 'Downloading' && typeof total === 'number') layerBytes.set(event.id, total);
        if (event.status === 'Download complete') complete.add(event.id);
      },
    );
  });
  const downloaded = [...complete].map((id) => layerBytes.get(id) ?? 0);
  return {
    downloadedBytes: downloaded.reduce((sum, bytes) => sum + bytes, 0),
    layersDownloaded: complete.size,
    layersAlreadyPresent: present,
  };
}

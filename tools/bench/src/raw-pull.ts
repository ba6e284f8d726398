import type Docker from 'dockerode';
import type { ProgressEvent } from '@snapforge/docker';

export interface PullFigures {
  /** Layers that came over the wire: proof that the run really pulled. */
  readonly layersDownloaded: number;
  readonly layersAlreadyPresent: number;
}

/**
 * A plain dockerode pull to the end of its progress stream, counting layers by their last status.
 * Not by bytes: the engine reports those in throttled steps, which need not include the last one,
 * nor any for a layer that arrives fast.
 */
export async function pullCounting(docker: Docker, ref: string, authconfig: Docker.AuthConfig): Promise<PullFigures> {
  const stream = await docker.pull(ref, { authconfig });
  const downloaded = new Set<string>();
  const present = new Set<string>();
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
        if (!event.id) return;
        if (event.status === 'Already exists') present.add(event.id);
        if (event.status === 'Download complete') downloaded.add(event.id);
      },
    );
  });
  return { layersDownloaded: downloaded.size, layersAlreadyPresent: present.size };
}

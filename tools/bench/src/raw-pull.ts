import type Docker from 'dockerode';
import type { ProgressEvent } from '@snapforge/docker';

export interface PullFigures {
  /** Bytes the engine reported downloading: proof that the run really pulled. */
  readonly downloadedBytes: number;
  readonly layersDownloaded: number;
  readonly layersAlreadyPresent: number;
}

/** A plain dockerode pull to the end of its progress stream, counting what came over the wire. */
export async function pullCounting(docker: Docker, ref: string, authconfig: Docker.AuthConfig): Promise<PullFigures> {
  const stream = await docker.pull(ref, { authconfig });
  const downloaded = new Map<string, number>();
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
        const current = event.progressDetail?.current;
        if (event.status === 'Downloading' && event.id && typeof current === 'number') {
          downloaded.set(event.id, Math.max(current, downloaded.get(event.id) ?? 0));
        }
      },
    );
  });
  const downloadedBytes = [...downloaded.values()].reduce((sum, bytes) => sum + bytes, 0);
  return { downloadedBytes, layersDownloaded: downloaded.size, layersAlreadyPresent: present };
}

import { randomUUID } from 'node:crypto';
import { removeImage, removeSnapshotImages } from '../image-removal.js';
import { interleaved } from '../interleaved.js';
import { loadWithLabels } from '../raw-relabel.js';
import type { Scenario } from '../scenario.js';
import { timed } from '../stopwatch.js';

const POLL_INTERVAL_MS = 5;
const RAW_REPOSITORY = 'snapforge/bench-raw';

/**
 * The fixed cost of a snapshot when nothing has to be pulled: what Snapforge adds to the engine
 * work of a build. `raw-relabel` is that work the way the builder agent does it (the image's
 * config loaded back with labels), which tells the engine's share from the services' share.
 */
export const localImageScenario: Scenario = {
  name: 'local-image',
  title: 'fixed overhead: snapshot of an image already on the host (POST to ready) against raw inspect + tag, or + relabel',
  comparisons: [
    { subject: 'snapforge', baseline: 'raw' },
    { subject: 'snapforge', baseline: 'raw-relabel' },
  ],
  async run({ runs, environment, signal, log }) {
    const { docker, baseImage } = environment.docker;
    const suffix = randomUUID().slice(0, 8);
    const workspace = await environment.workspace();
    const removeSnapshots = environment.cleanups.add(() => removeSnapshotImages(docker, workspace.workspaceId));
    try {
      const raw = async (run: number) => {
        const tag = `local-${suffix}-${run}`;
        try {
          const { ms } = await timed(async () => {
            await docker.getImage(baseImage).inspect();
            await docker.getImage(baseImage).tag({ repo: RAW_REPOSITORY, tag });
          });
          return ms;
        } finally {
          await removeImage(docker, `${RAW_REPOSITORY}:${tag}`);
        }
      };

      const rawRelabel = async (run: number) => {
        const tag = `relabel-${suffix}-${run}`;
        try {
          const { ms } = await timed(async () => {
            await docker.getImage(baseImage).inspect();
            await loadWithLabels(docker, baseImage, `${RAW_REPOSITORY}:${tag}`, environment.labels);
          });
          return ms;
        } finally {
          await removeImage(docker, `${RAW_REPOSITORY}:${tag}`);
        }
      };

      const snapforge = async (run: number) => {
        const { ms, result: snapshot } = await timed(async () => {
          const requested = await workspace.api.requestSnapshot({
            name: `bench-local-${suffix}-${run}`,
            docker_image: baseImage,
            fs_capacity_bytes: 1024 ** 3,
          });
          return workspace.api.settled(requested.id, POLL_INTERVAL_MS);
        });
        await removeSnapshotImages(docker, workspace.workspaceId);
        if (snapshot.status !== 'ready') throw new Error(`snapshot ${snapshot.id} ended ${snapshot.status}: ${snapshot.status_message ?? ''}`);
        return ms;
      };

      const samples = await interleaved({ raw, 'raw-relabel': rawRelabel, snapforge }, { runs, signal, log });
      return { samples, facts: { image: baseImage, readyWhen: `build output followed to its end, then GET every ${POLL_INTERVAL_MS} ms`, warmupRounds: 1 } };
    } finally {
      await removeSnapshots();
    }
  },
};

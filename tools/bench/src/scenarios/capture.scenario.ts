import { SandboxContainers } from '@snapforge/docker';
import { removeImage } from '../image-removal.js';
import { interleaved } from '../interleaved.js';
import { prepareSandboxes, snapshotImageRef } from '../sandbox-setup.js';
import type { Scenario } from '../scenario.js';
import { timed } from '../stopwatch.js';

const RAW_REPOSITORY = 'snapforge/bench-raw';
const FILE_BYTES = 4096;
// Polled only once the capture's output has ended, as for builds: polling all along would take a
// sizeable share of a small host's CPU from the commit it waits for.
const POLL_INTERVAL_MS = 5;

/**
 * A box's filesystem kept as a new snapshot, from the request until the snapshot is ready, against
 * the engine work the launcher does for it: `SandboxContainers.commit` (look-up, `docker commit` with
 * labels) and the inspect of the image for its size. Both commit the same box, holding one small file
 * written before the first run; every image a run makes is removed before the next (not timed).
 */
export const captureScenario: Scenario = {
  name: 'capture',
  title: `capture of a box holding a ${FILE_BYTES}-byte file (POST /boxes/{name}/snapshot to ready) against raw docker commit with labels + inspect`,
  comparisons: [{ subject: 'snapforge', baseline: 'raw', targetRatio: 1.3 }],
  minimumRuns: 20,
  async run({ runs, environment, signal, log }) {
    const { docker } = environment.docker;
    const setup = await prepareSandboxes(environment, 'capture');
    const containers = new SandboxContainers(docker);
    try {
      const box = await setup.readyBox(setup.unique('box'));
      const written = await setup.workspace.api.execute(box, { command: `head -c ${FILE_BYTES} /dev/urandom > /root/bench-capture.bin`, shell: '/bin/sh', timeout: 10 });
      if (written.exit_code !== 0) throw new Error(`writing the file in box ${box.name} failed: ${written.stderr}`);

      const raw = async (run: number) => {
        const target = { repo: RAW_REPOSITORY, tag: setup.unique(`capture-${run}`) };
        try {
          const { ms } = await timed(async () => {
            const imageId = await containers.commit(box.id, target, { ...environment.labels });
            await docker.getImage(imageId).inspect();
          });
          return ms;
        } finally {
          await removeImage(docker, `${target.repo}:${target.tag}`);
        }
      };

      const snapforge = async (run: number) => {
        const { ms, result: snapshot } = await timed(async () => {
          const requested = await setup.workspace.api.captureBox(box.name, setup.unique(`capture-${run}`));
          return setup.workspace.api.settled(requested.id, POLL_INTERVAL_MS);
        });
        await removeImage(docker, snapshotImageRef(snapshot.id));
        if (snapshot.status !== 'ready') throw new Error(`capture ${snapshot.id} ended ${snapshot.status}: ${snapshot.status_message ?? ''}`);
        return ms;
      };

      const samples = await interleaved({ raw, snapforge }, { runs, signal, log });
      return {
        samples,
        facts: {
          fileBytes: FILE_BYTES,
          raw: 'SandboxContainers.commit (inspect, commit with labels) + image inspect, as the launcher',
          readyWhen: `capture output followed to its end, then GET every ${POLL_INTERVAL_MS} ms`,
          warmupRounds: 1,
        },
      };
    } finally {
      await setup.cleanUp();
    }
  },
};

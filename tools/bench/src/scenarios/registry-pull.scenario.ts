import { randomUUID } from 'node:crypto';
import { makeTestImage } from '@snapforge/docker';
import { pushToRegistry, registryAuth, startRegistry } from '@snapforge/testing';
import { hasImage, removeImage, removeSnapshotImages } from '../image-removal.js';
import { interleaved } from '../interleaved.js';
import { loadWithLabels } from '../raw-relabel.js';
import { pullCounting } from '../raw-pull.js';
import type { Scenario } from '../scenario.js';
import { timed } from '../stopwatch.js';

/** Random, so that compression on the way through the registry saves nothing. */
const PAYLOAD_BYTES = 100_000_000;
const POLL_INTERVAL_MS = 5;
const RAW_REPOSITORY = 'snapforge/bench-raw';

/**
 * What a user waits for when a snapshot comes from a private registry, against what the same work
 * costs when asked of the Docker Engine directly: `raw` tags the pulled image, `raw-relabel` relabels
 * it with a config-only load (what the builder agent falls back to when it cannot pull the labelled
 * manifest again from its loopback registry). Every run of every series starts with the image gone
 * from the host, so every run downloads the payload layer.
 */
export const registryPullScenario: Scenario = {
  name: 'registry-pull',
  title: 'snapshot of a ~100 MB image from an authenticated registry (POST to ready) against raw pull + inspect + tag, or + relabel',
  comparisons: [
    { subject: 'snapforge', baseline: 'raw', targetRatio: 1.2 },
    { subject: 'snapforge', baseline: 'raw-relabel' },
  ],
  async run({ runs, environment, signal, log }) {
    const { docker } = environment.docker;
    const suffix = randomUUID().slice(0, 8);
    const registry = await startRegistry();
    const stopRegistry = environment.cleanups.add(() => registry.stop());
    log(`making an image with ${PAYLOAD_BYTES} random bytes and pushing it to ${registry.url}`);
    const localRef = `snapforge/bench-payload:${suffix}`;
    const imageId = await makeTestImage(docker, localRef, { extraBytes: PAYLOAD_BYTES, labels: environment.labels });
    let workspaceId: string | undefined;
    const relabelled: string[] = [];
    // Relabelled images share the pulled image's layers: they go first, or its layers stay on the host.
    const forgetImage = async () => {
      if (workspaceId) await removeSnapshotImages(docker, workspaceId);
      for (const ref of relabelled.splice(0)) await removeImage(docker, ref);
      await removeImage(docker, imageId);
    };
    const removeImages = environment.cleanups.add(forgetImage);
    try {
      const { Size: imageBytes } = await docker.getImage(imageId).inspect();
      const remoteRef = await pushToRegistry(docker, registry, localRef, `bench/payload:${suffix}`);
      const workspace = await environment.workspace();
      workspaceId = workspace.workspaceId;
      const registryId = await workspace.api.createRegistry({
        name: `bench-${suffix}`,
        url: registry.url,
        username: registry.username,
        password: registry.password,
      });
      const startWithoutImage = async () => {
        await forgetImage();
        if (await hasImage(docker, imageId)) throw new Error(`image ${imageId} is still on the host: the run would not pull it`);
      };
      const layersDownloaded: number[] = [];

      // Pull and inspect, then what makes the snapshot image: a tag, or a config-only load.
      const rawPull = (finish: (run: number) => Promise<unknown>) => async (run: number) => {
        await startWithoutImage();
        const { ms, result: pulled } = await timed(async () => {
          const figures = await pullCounting(docker, remoteRef, registryAuth(registry));
          await docker.getImage(remoteRef).inspect();
          await finish(run);
          return figures;
        });
        // The base image's layer is always on the host; the payload's must never be.
        if (pulled.layersDownloaded === 0) {
          throw new Error(`the raw pull downloaded no layer (${pulled.layersAlreadyPresent} already present): the payload was left on the host`);
        }
        layersDownloaded.push(pulled.layersDownloaded);
        return ms;
      };
      const raw = rawPull((run) => docker.getImage(remoteRef).tag({ repo: RAW_REPOSITORY, tag: `${suffix}-${run}` }));
      const rawRelabel = rawPull((run) => {
        const target = `${RAW_REPOSITORY}:relabel-${suffix}-${run}`;
        relabelled.push(target);
        return loadWithLabels(docker, remoteRef, target, environment.labels);
      });

      const snapforge = async (run: number) => {
        await startWithoutImage();
        const { ms, result: snapshot } = await timed(async () => {
          const requested = await workspace.api.requestSnapshot({
            name: `bench-pull-${suffix}-${run}`,
            docker_image: remoteRef,
            fs_capacity_bytes: 1024 ** 3,
            registry_id: registryId,
          });
          return workspace.api.settled(requested.id, POLL_INTERVAL_MS);
        });
        if (snapshot.status !== 'ready') throw new Error(`snapshot ${snapshot.id} ended ${snapshot.status}: ${snapshot.status_message ?? ''}`);
        // The agent prints the engine's progress: a layer that was pulled ends with "Pull complete".
        const output = await workspace.api.buildOutput(snapshot.id);
        if (!output.includes('Pull complete')) throw new Error(`the build of snapshot ${snapshot.id} pulled no layer:\n${output}`);
        return ms;
      };

      const samples = await interleaved({ raw, 'raw-relabel': rawRelabel, snapforge }, { runs, signal, log });
      return {
        samples,
        facts: {
          imageBytes,
          payloadBytes: PAYLOAD_BYTES,
          minLayersDownloadedPerRawRun: Math.min(...layersDownloaded),
          readyWhen: `build output followed to its end, then GET every ${POLL_INTERVAL_MS} ms`,
          warmupRounds: 1,
        },
      };
    } finally {
      await removeImages();
      await stopRegistry();
    }
  },
};

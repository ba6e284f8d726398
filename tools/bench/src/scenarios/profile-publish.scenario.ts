import { randomUUID } from 'node:crypto';
import { buildWithSetupScript } from '@snapforge/docker';
import { containersGone } from '../containers-gone.js';
import { hasImage, removeImage, removeSnapshotImages } from '../image-removal.js';
import { interleaved } from '../interleaved.js';
import { removeLabelled } from '../labelled-removal.js';
import { formatPhaseMedians, PUBLISH_PHASES, publishPhases, type PublishPhase } from '../publish-phases.js';
import { rawSetupScriptBuild } from '../raw-setup-script-build.js';
import type { Scenario } from '../scenario.js';
import { timed } from '../stopwatch.js';

const SETUP_SCRIPT = 'mkdir -p /opt/tool && echo 1.0 > /opt/tool/version';
const RAW_REPOSITORY = 'snapforge/bench-raw';
/** On the raw series' containers and images (the commit keeps it): each run's leftovers are found by it. */
const RAW_LABEL = 'io.snapforge.bench.scenario';
// The end comes right after the followed output's end, so the last poll is short (see SnapforgeApi.settled).
const POLL_INTERVAL_MS = 5;
const JOB_POLL_INTERVAL_MS = 20;
const BUILD_TIMEOUT_SECONDS = 60;

/** Where the builder agent tags a profile job's image when there is no image registry to push to. */
function profileImageRef(jobId: string): string {
  return `snapforge/profile:${jobId}`;
}

/**
 * What a user waits for between publishing a profile version and being able to start sessions from
 * it: its first snapshot job runs the setup script on the base image in a one-off container and
 * commits it. `raw` is that engine work as plain dockerode calls (create with the builder's
 * hardening, start, one exec with `sh -e`, commit). `raw-helper` is `buildWithSetupScript`, the
 * builder agent's helper, called directly: it tells what the helper adds from what the services add.
 * One profile with one draft is published once per run; every image a run makes is removed, untimed.
 */
export const profilePublishScenario: Scenario = {
  name: 'profile-publish',
  title: 'profile version with a one-line setup script (POST publish to usable) against raw create + start + exec sh -e + commit',
  comparisons: [
    { subject: 'snapforge', baseline: 'raw', targetRatio: 1.3 },
    { subject: 'snapforge', baseline: 'raw-helper' },
    { subject: 'raw-helper', baseline: 'raw' },
  ],
  minimumRuns: 10,
  async run({ runs, environment, signal, log }) {
    const { docker, baseImage } = environment.docker;
    const suffix = randomUUID().slice(0, 8);
    const labels = { ...environment.labels, [RAW_LABEL]: `profile-publish-${suffix}` };
    const rawLabel = `${RAW_LABEL}=${labels[RAW_LABEL]}`;
    const workspace = await environment.workspace();
    // The profile images carry the workspace's label, as snapshot images do.
    const cleanUp = environment.cleanups.add(async () => {
      await removeLabelled(docker, rawLabel);
      await removeSnapshotImages(docker, workspace.workspaceId);
    });
    try {
      const profileId = await workspace.api.createProfile(`bench-profile-${suffix}`);
      await workspace.api.saveDraft(profileId, { base_image: baseImage, setup_script: SETUP_SCRIPT });

      const raw = async (run: number) => {
        try {
          const { ms } = await timed(() => rawSetupScriptBuild(docker, { baseImage, setupScript: SETUP_SCRIPT, targetRef: `${RAW_REPOSITORY}:profile-${suffix}-${run}`, labels }));
          return ms;
        } finally {
          await removeLabelled(docker, rawLabel);
        }
      };

      const rawHelper = async (run: number) => {
        const targetRef = `${RAW_REPOSITORY}:profile-helper-${suffix}-${run}`;
        try {
          const { ms, result } = await timed(() =>
            buildWithSetupScript(docker, { baseImage, setupScript: SETUP_SCRIPT, timeoutSeconds: BUILD_TIMEOUT_SECONDS, targetRef, labels }, { log: () => undefined }),
          );
          if (result.kind !== 'succeeded') throw new Error(`buildWithSetupScript failed (${result.errorCode}): ${result.errorMessage}`);
          return ms;
        } finally {
          await removeLabelled(docker, rawLabel);
        }
      };

      const phases: Record<PublishPhase, number>[] = [];
      const snapforge = async (run: number) => {
        const requestedAt = Date.now();
        const { ms, result: version } = await timed(async () => {
          const published = await workspace.api.publish(profileId);
          return workspace.api.versionSettled(profileId, published.version, { pollIntervalMs: POLL_INTERVAL_MS, jobPollIntervalMs: JOB_POLL_INTERVAL_MS });
        });
        const split = publishPhases(requestedAt, version, requestedAt + ms);
        if (split && run >= 0) phases.push(split);
        if (split) log(`snapforge phases (ms): ${formatPhaseMedians([split])}`);
        const job = version.latest_job;
        if (!version.usable || !job) throw new Error(`profile version ${version.version} did not become usable: job ${job?.id ?? '(none)'} ${job?.status ?? ''} ${job?.error_message ?? ''}`);
        // A job handed to a second builder delivery (the first one lost) explains an outlier.
        const attempts = (await workspace.api.jobOutput(job.id)).match(/^Attempt \d+.*$/m);
        if (attempts) log(`snapforge job ${job.id}: ${attempts[0]}`);
        // The agent removes the job's one-off container after reporting it: not in this run's time, nor in the next's.
        await containersGone(docker, `io.snapforge.job-id=${job.id}`);
        const imageRef = profileImageRef(job.id);
        // Usable must mean built on this host, or the series measured something else.
        const built = await hasImage(docker, imageRef);
        await removeImage(docker, imageRef);
        if (!built) throw new Error(`profile version ${version.version} is usable but ${imageRef} is not on the host`);
        return ms;
      };

      const samples = await interleaved({ raw, 'raw-helper': rawHelper, snapforge }, { runs, signal, log });
      return {
        samples,
        facts: {
          image: baseImage,
          setupScript: SETUP_SCRIPT,
          raw: 'dockerode create (the builder one-off container hardening), start, exec sh -e -c to its end with exit code, commit; container removed untimed',
          rawHelper: 'buildWithSetupScript from @snapforge/docker, as the builder agent calls it (container removal included)',
          readyWhen: `job named on the version (GET every ${JOB_POLL_INTERVAL_MS} ms), its output followed to its end, then GET every ${POLL_INTERVAL_MS} ms until usable`,
          snapforgePhasesMedianMs: formatPhaseMedians(phases),
          snapforgePhases: Object.entries(PUBLISH_PHASES)
            .map(([phase, what]) => `${phase}: ${what}`)
            .join('; '),
          warmupRounds: 1,
        },
      };
    } finally {
      await cleanUp();
    }
  },
};

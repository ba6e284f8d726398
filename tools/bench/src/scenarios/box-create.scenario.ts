import { randomUUID } from 'node:crypto';
import { SandboxContainers } from '@snapforge/docker';
import { interleaved } from '../interleaved.js';
import { prepareSandboxes } from '../sandbox-setup.js';
import type { Scenario } from '../scenario.js';
import { timed } from '../stopwatch.js';

/**
 * What a user waits for between asking for a box and being able to use it, against the engine work
 * the launcher does for it: `SandboxContainers.ensureRunning` (look-up, /tmp volume, create, start)
 * on a fresh sandbox id, with the spec the launcher derives from the same snapshot. Every run starts
 * with no box and no container left from the one before; removing them is not timed.
 */
export const boxCreateScenario: Scenario = {
  name: 'box-create',
  title: 'box from a ready snapshot (POST /boxes with wait_for_ready to ready) against raw SandboxContainers.ensureRunning of the same image',
  comparisons: [{ subject: 'snapforge', baseline: 'raw', targetRatio: 1.3 }],
  minimumRuns: 20,
  async run({ runs, environment, signal, log }) {
    const { docker } = environment.docker;
    const setup = await prepareSandboxes(environment, 'box-create');
    const containers = new SandboxContainers(docker);
    try {
      const raw = async () => {
        const sandboxId = randomUUID();
        try {
          const { ms } = await timed(() => containers.ensureRunning(setup.containerSpec(sandboxId)));
          return ms;
        } finally {
          await containers.remove(sandboxId);
        }
      };

      const snapforge = async (run: number) => {
        const { ms, result: box } = await timed(() => setup.readyBox(setup.unique(`box-${run}`)));
        await setup.workspace.api.deleteBox(box.name);
        // The next run must not share the engine with this one's container.
        if (await containers.inspect(box.id)) throw new Error(`box ${box.name} was deleted but its container is still there`);
        return ms;
      };

      const samples = await interleaved({ raw, snapforge }, { runs, signal, log });
      return {
        samples,
        facts: {
          image: setup.imageRef,
          raw: 'SandboxContainers.ensureRunning (inspect, volume, create, start) on a fresh sandbox id',
          readyWhen: 'the POST answers (the gateway long-polls the orchestrator)',
          warmupRounds: 1,
        },
      };
    } finally {
      await setup.cleanUp();
    }
  },
};

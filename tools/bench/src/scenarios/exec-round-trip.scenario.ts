import { SandboxClient } from 'langsmith/sandbox';
import { runContainerExec, SandboxContainers } from '@snapforge/docker';
import { interleaved } from '../interleaved.js';
import { rawExec } from '../raw-exec.js';
import { prepareSandboxes } from '../sandbox-setup.js';
import type { Scenario } from '../scenario.js';
import { timed } from '../stopwatch.js';

const COMMAND = 'echo hi';
const SHELL = '/bin/sh';
const TIMEOUT_SECONDS = 10;

/**
 * One short command in one box, from asking to having its output and exit code. `raw` is plain
 * `docker exec` of the same command in the same container: the engine's cost. `raw-helper` is the
 * launcher's own exec helper called directly, which tells what the helper adds from what the data
 * plane adds. `snapforge-http` is `POST /execute`; `snapforge-ws` the unmodified LangSmith client's
 * `Sandbox.run`, which opens a WebSocket per command.
 */
export const execRoundTripScenario: Scenario = {
  name: 'exec-round-trip',
  title: `"${COMMAND}" in a ready box through the data plane (HTTP, and the LangSmith client over WebSocket) against raw docker exec`,
  comparisons: [
    { subject: 'snapforge-http', baseline: 'raw', targetRatio: 1.3 },
    { subject: 'snapforge-ws', baseline: 'raw', targetRatio: 1.3 },
    { subject: 'snapforge-http', baseline: 'raw-helper' },
    { subject: 'raw-helper', baseline: 'raw' },
  ],
  minimumRuns: 20,
  async run({ runs, environment, signal, log }) {
    const { docker } = environment.docker;
    const setup = await prepareSandboxes(environment, 'exec');
    try {
      const box = await setup.readyBox(setup.unique('box'));
      const container = await new SandboxContainers(docker).inspect(box.id);
      if (!container) throw new Error(`box ${box.name} is ready but has no container`);
      const client = new SandboxClient({ apiEndpoint: `${setup.workspace.stack.url}/v2/sandboxes`, apiKey: setup.workspace.apiKey, maxRetries: 0 });
      const sandbox = await client.getSandbox(box.name);

      // Every series must have run the command for real, not merely answered.
      const checked = (series: string, stdout: string, exitCode: number) => {
        if (stdout !== 'hi\n' || exitCode !== 0) throw new Error(`${series} answered ${JSON.stringify(stdout)} with exit code ${exitCode}`);
      };
      const measured = (series: string, work: () => Promise<{ stdout: string; exitCode: number }>) => async () => {
        const { ms, result } = await timed(work);
        checked(series, result.stdout, result.exitCode);
        return ms;
      };

      const raw = measured('raw', () => rawExec(docker, container.Id, [SHELL, '-c', COMMAND]));
      const rawHelper = measured('raw-helper', async () => {
        const { stdout, exitCode } = await runContainerExec(docker, container.Id, { script: COMMAND, shell: SHELL });
        return { stdout: stdout.toString('utf8'), exitCode };
      });
      const http = measured('snapforge-http', async () => {
        const { stdout, exit_code } = await setup.workspace.api.execute(box, { command: COMMAND, shell: SHELL, timeout: TIMEOUT_SECONDS });
        return { stdout, exitCode: exit_code };
      });
      const ws = measured('snapforge-ws', async () => {
        const { stdout, exit_code } = await sandbox.run(COMMAND, { shell: SHELL, timeout: TIMEOUT_SECONDS });
        return { stdout, exitCode: exit_code };
      });

      const samples = await interleaved({ raw, 'raw-helper': rawHelper, 'snapforge-http': http, 'snapforge-ws': ws }, { runs, signal, log });
      return {
        samples,
        facts: {
          command: COMMAND,
          raw: 'dockerode exec create, start attached, demultiplexed output to its end, inspect until not running',
          rawHelper: 'runContainerExec from @snapforge/docker, as the data plane calls it',
          warmupRounds: 1,
        },
      };
    } finally {
      await setup.cleanUp();
    }
  },
};

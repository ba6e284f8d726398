import type { ProjectionRebuildProgress } from '@snapforge/contracts';
import { READ_MODEL_NAMES } from '@snapforge/domain';
import { CliError, ExitCode } from './cli-error.js';
import type { CliCommand } from './command.js';
import { NATS_FLAGS, withCliNats } from './cli-nats.js';
import { printLines } from './output-format.js';
import { ProjectionControlClient, type ProjectionTarget } from './projection-control-client.js';
import { formatOverallProgress, formatProgressLine } from './rebuild-progress-format.js';
import { Spinner } from './spinner.js';

/** Without a terminal, one progress line per rebuild at most this often. */
const LOG_INTERVAL_MS = 1_000;

export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  arguments: [],
  optionalArguments: ['PROJECTION'],
  summary: 'Rebuild a projection (all when PROJECTION is left out) on every running instance from position zero, then swap it in',
  flags: { ...NATS_FLAGS },
  async run(line) {
    const name = line.optionalArgument('PROJECTION');
    if (name !== undefined && !READ_MODEL_NAMES.includes(name)) {
      throw CliError.usage(`unknown projection '${name}': the projections are ${READ_MODEL_NAMES.join(', ')}`);
    }
    return withCliNats(line, async (nc, url) => {
      const control = new ProjectionControlClient(nc);
      const instances = await control.instances();
      if (instances.length === 0) throw CliError.failed(`no service instance keeps projections on NATS at ${url}: is the stack running there?`);
      const targets: ProjectionTarget[] = instances.flatMap(({ service, instanceId, projections }) =>
        projections.filter((projection) => name === undefined || projection.name === name).map((projection) => ({ service, instanceId, projection: projection.name })),
      );
      if (targets.length === 0) {
        throw CliError.failed(`no running instance keeps projection '${name}' (running: ${instances.map(({ instanceId }) => instanceId).join(', ')})`);
      }
      const finals = await rebuildShowingProgress(control, targets);
      const failed = finals.filter((progress) => progress.phase !== 'done').length;
      const serviceOf = new Map(targets.map((target) => [target.instanceId, target.service]));
      printLines(
        ...finals.map((progress) => formatProgressLine(serviceOf.get(progress.instanceId) ?? '?', progress)),
        '',
        failed === 0
          ? `Rebuilt ${finals.length} projections on ${new Set(targets.map(({ instanceId }) => instanceId)).size} instances.`
          : `${failed} of ${finals.length} rebuilds failed; the others were rebuilt and swapped in.`,
      );
      return failed === 0 ? ExitCode.ok : ExitCode.failed;
    });
  },
};

/** A progress bar on a terminal (stderr); otherwise a plain line per rebuild now and then (stdout). */
async function rebuildShowingProgress(control: ProjectionControlClient, targets: readonly ProjectionTarget[]): Promise<ProjectionRebuildProgress[]> {
  const onTerminal = process.stderr.isTTY === true;
  const serviceOf = new Map(targets.map((target) => [target.instanceId, target.service]));
  const latest = new Map<string, ProjectionRebuildProgress>();
  const loggedAt = new Map<string, number>();
  const spinner = new Spinner();
  spinner.start(() => `rebuilding ${formatOverallProgress([...latest.values()], targets.length)}`);
  try {
    return await control.rebuild(targets, (progress) => {
      const key = `${progress.instanceId}/${progress.projection}`;
      latest.set(key, progress);
      if (onTerminal || progress.phase !== 'running' || Date.now() - (loggedAt.get(key) ?? 0) < LOG_INTERVAL_MS) return;
      loggedAt.set(key, Date.now());
      printLines(formatProgressLine(serviceOf.get(progress.instanceId) ?? '?', progress));
    });
  } finally {
    spinner.stop();
  }
}

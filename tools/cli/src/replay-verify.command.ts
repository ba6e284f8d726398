import { formatDifference } from '@snapforge/domain';
import { projectionControlSubjects } from '@snapforge/contracts';
import { CliError, ExitCode } from './cli-error.js';
import type { CliCommand } from './command.js';
import { withCliNats } from './cli-nats.js';
import { EVENT_STORE_FLAGS } from './event-store-flags.js';
import { formatTable, JSON_FLAG, printJson, printLines } from './output-format.js';
import { ProjectionControlClient } from './projection-control-client.js';
import type { VerifiedProjection } from './projection-verification.js';

export const verifyCommand: CliCommand = {
  name: 'verify',
  arguments: [],
  summary: "Replay the event store into fresh read models and compare them with every running instance's projections; exit 1 on any drift",
  flags: { ...JSON_FLAG, ...EVENT_STORE_FLAGS },
  async run(line) {
    // Loaded here: the event store brings Nest along, which only this command needs.
    const [{ verifyProjections }, { withEventStore }] = await Promise.all([import('./projection-verification.js'), import('./event-store-connection.js')]);
    return withCliNats(line, async (nc, url) => {
      const results = await withEventStore(line, 'current', ({ store }) => verifyProjections(new ProjectionControlClient(nc), store));
      if (results.length === 0) {
        throw CliError.failed(`no service instance answered on ${projectionControlSubjects.list} (NATS at ${url}): is the stack running there?`);
      }
      const drifted = results.filter((result) => result.differences.length > 0 || result.problem !== undefined);
      if (line.flag('json')) printJson({ equal: drifted.length === 0, projections: results });
      else printReport(results, drifted.length);
      return drifted.length === 0 ? ExitCode.ok : ExitCode.failed;
    });
  },
};

function printReport(results: readonly VerifiedProjection[], drifted: number): void {
  const rows = results.map((result) => [
    result.problem !== undefined ? 'FAILED' : result.differences.length > 0 ? 'DRIFT' : 'equal',
    result.service,
    result.instanceId,
    result.projection,
    result.position ?? '-',
    String(result.replayedEvents),
    String(result.differences.length),
  ]);
  const details = results.flatMap((result) => [
    ...(result.problem === undefined ? [] : [`${result.service} ${result.instanceId} ${result.projection}: ${result.problem}`]),
    ...result.differences.map((difference) => `${result.service} ${result.instanceId} ${formatDifference(difference, [result.projection])}`),
  ]);
  const instances = new Set(results.map((result) => result.instanceId)).size;
  const scope = `${results.length} projections on ${instances} instances with a replay of the event store`;
  printLines(
    formatTable(['result', 'service', 'instance', 'projection', 'position', 'events', 'differences'], rows),
    ...(details.length === 0 ? [] : ['', ...details]),
    '',
    drifted === 0 ? `Compared ${scope}: all equal.` : `Compared ${scope}: ${drifted} differ.`,
  );
}

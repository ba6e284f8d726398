import { formatByteSize, parseByteSize } from './byte-size.js';
import { ExitCode } from './cli-error.js';
import { gatewayConfig, GATEWAY_FLAGS } from './cli-config.js';
import type { CliCommand, CommandGroup } from './command.js';
import type { CommandLine } from './command-line.js';
import { followBuild } from './follow-build.js';
import { GatewayClient } from './gateway-client.js';
import { JSON_FLAG, printJson, printLines } from './output-format.js';
import { readySummary, snapshotDetails, snapshotTable } from './snapshot-format.js';
import { snapshotPath, SNAPSHOTS_PATH, type SnapshotPage, type SnapshotResource } from './snapshot-resource.js';
import { Spinner } from './spinner.js';
import { parsePositiveWholeNumber, parseWholeNumber } from './whole-number.js';

const DEFAULT_FS_CAPACITY_BYTES = 1024 ** 3;
/** What shells report for a program ended by SIGINT. */
const INTERRUPTED = 130;
const SIZE_EXPECTED = 'a size such as 1073741824, 512MiB, 2GiB or 1GB';

async function gateway(line: CommandLine): Promise<GatewayClient> {
  return new GatewayClient(await gatewayConfig(line));
}

const create: CliCommand = {
  name: 'create',
  arguments: ['NAME'],
  summary: 'Build a snapshot from a Docker image, showing the build output as it runs',
  flags: {
    image: { type: 'string', value: 'REF', required: true, description: 'Docker image to build from, e.g. python:3.12-slim' },
    registry: { type: 'string', value: 'ID', description: 'id of the registry whose credentials pull the image' },
    'fs-capacity': { type: 'string', value: 'SIZE', description: `largest image the snapshot may hold (default ${formatByteSize(DEFAULT_FS_CAPACITY_BYTES)}; 512MiB, 2GiB, 1GB...)` },
    timeout: { type: 'string', value: 'SECONDS', description: 'build time-out (default: the server\'s, 10 minutes)' },
    ...JSON_FLAG,
    ...GATEWAY_FLAGS,
  },
  async run(line) {
    const name = line.argument('NAME');
    const fsCapacityBytes = line.converted('fs-capacity', parseByteSize, SIZE_EXPECTED) ?? DEFAULT_FS_CAPACITY_BYTES;
    const timeoutSeconds = line.converted('timeout', parsePositiveWholeNumber, 'a whole number of seconds');
    const registryId = line.string('registry');
    const json = line.flag('json');
    const client = await gateway(line);

    const requested = await client.post<SnapshotResource>(SNAPSHOTS_PATH, {
      name,
      docker_image: line.string('image'),
      fs_capacity_bytes: fsCapacityBytes,
      ...(registryId !== undefined ? { registry_id: registryId } : {}),
      ...(timeoutSeconds !== undefined ? { build_timeout_seconds: timeoutSeconds } : {}),
    });
    // With --json, stdout carries only the JSON: the build output goes with the progress, to stderr.
    const output = json ? process.stderr : process.stdout;
    const spinner = new Spinner();
    const started = Date.now();
    spinner.start(() => `building ${name} (${requested.id}), ${Math.floor((Date.now() - started) / 1000)} s`);
    // Ctrl-C stops the following, not the build: say so, and how to look at it later.
    const interrupted = () => {
      spinner.stop();
      process.stderr.write(`snapforge: stopped following; the build of ${requested.id} goes on (snapforge snapshot get ${requested.id})\n`);
      process.exit(INTERRUPTED);
    };
    process.once('SIGINT', interrupted);
    let snapshot: SnapshotResource;
    try {
      snapshot = await followBuild(client, requested, {
        onOutput: (text) => spinner.around(() => output.write(text)),
        onOutputLost: (reason) => spinner.around(() => process.stderr.write(`warning: the build output is unavailable: ${reason}\n`)),
      });
    } finally {
      process.off('SIGINT', interrupted);
      spinner.stop();
    }

    if (json) printJson(snapshot);
    if (snapshot.status === 'ready') {
      if (!json) printLines(readySummary(snapshot));
      return ExitCode.ok;
    }
    process.stderr.write(`Snapshot ${name} (${snapshot.id}) failed: ${snapshot.status_message ?? 'no reason given'}\n`);
    return ExitCode.failed;
  },
};

const list: CliCommand = {
  name: 'list',
  arguments: [],
  summary: "List the workspace's snapshots, newest first",
  flags: {
    'name-contains': { type: 'string', value: 'TEXT', description: 'only names containing TEXT (case-insensitive)' },
    limit: { type: 'string', value: 'N', description: 'at most N snapshots (server default 50)' },
    offset: { type: 'string', value: 'N', description: 'skip the first N' },
    ...JSON_FLAG,
    ...GATEWAY_FLAGS,
  },
  async run(line) {
    const query = new URLSearchParams();
    const nameContains = line.string('name-contains');
    const limit = line.converted('limit', parsePositiveWholeNumber, 'a whole number above 0');
    const offset = line.converted('offset', parseWholeNumber, 'a whole number');
    if (nameContains !== undefined) query.set('name_contains', nameContains);
    if (limit !== undefined) query.set('limit', String(limit));
    if (offset !== undefined) query.set('offset', String(offset));
    const page = await (await gateway(line)).get<SnapshotPage>(query.size ? `${SNAPSHOTS_PATH}?${query}` : SNAPSHOTS_PATH);
    if (line.flag('json')) {
      printJson(page);
    } else if (page.snapshots.length === 0) {
      printLines(page.total ? `No snapshots from offset ${page.offset} (${page.total} in all)` : 'No snapshots');
    } else {
      const shown = page.snapshots.length < page.total ? [`(${page.offset + 1}-${page.offset + page.snapshots.length} of ${page.total})`] : [];
      printLines(snapshotTable(page.snapshots), ...shown);
    }
    return ExitCode.ok;
  },
};

const get: CliCommand = {
  name: 'get',
  arguments: ['ID'],
  summary: 'Show one snapshot',
  flags: { ...JSON_FLAG, ...GATEWAY_FLAGS },
  async run(line) {
    const snapshot = await (await gateway(line)).get<SnapshotResource>(snapshotPath(line.argument('ID')));
    if (line.flag('json')) printJson(snapshot);
    else printLines(snapshotDetails(snapshot));
    return ExitCode.ok;
  },
};

const remove: CliCommand = {
  name: 'delete',
  arguments: ['ID'],
  summary: 'Delete a snapshot',
  flags: { ...GATEWAY_FLAGS },
  async run(line) {
    const id = line.argument('ID');
    await (await gateway(line)).delete(snapshotPath(id));
    printLines(`Deleted snapshot ${id}`);
    return ExitCode.ok;
  },
};

export const snapshotCommands: CommandGroup = {
  name: 'snapshot',
  summary: 'Snapshots of the workspace whose API key is configured, over the gateway',
  commands: [create, list, get, remove],
};

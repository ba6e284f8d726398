import { workspaceRpc } from '@snapforge/contracts';
import { API_KEY_ENV } from './cli-config.js';
import { ExitCode } from './cli-error.js';
import type { CliCommand, CommandGroup } from './command.js';
import { NATS_FLAGS } from './cli-nats.js';
import { withOperatorRpc } from './operator-rpc.js';
import { JSON_FLAG, printJson, printLines } from './output-format.js';

/** The gateway answers only once the new key works, which on a loaded host can outlast the default 5 s. */
const CREATE_TIMEOUT_MS = 10_000;

const create: CliCommand = {
  name: 'create',
  arguments: ['NAME'],
  summary: 'Make a workspace and its API key (an operator command, over NATS)',
  flags: { ...JSON_FLAG, ...NATS_FLAGS },
  async run(line) {
    const name = line.argument('NAME');
    const created = await withOperatorRpc(line, (rpc) => rpc.request(workspaceRpc.create, { name }, { timeoutMs: CREATE_TIMEOUT_MS }));
    if (line.flag('json')) {
      printJson({ workspace_id: created.workspaceId, api_key: created.apiKey });
    } else {
      printLines(
        `Workspace ${name} created: ${created.workspaceId}`,
        `API key: ${created.apiKey}`,
        `The key is shown only this once (only its hash is kept): store it now, then pass it with --api-key or ${API_KEY_ENV}.`,
      );
    }
    return ExitCode.ok;
  },
};

export const workspaceCommands: CommandGroup = {
  name: 'workspace',
  summary: 'Workspaces: operator commands, sent over NATS to the installation',
  commands: [create],
};

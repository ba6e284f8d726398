import { CliError } from './cli-error.js';
import type { CommandFlags } from './command.js';
import type { CommandLine } from './command-line.js';
import { DEV_ENV_FILE, readDevEnv } from './dev-env-file.js';

export const URL_ENV = 'SNAPFORGE_URL';
export const API_KEY_ENV = 'SNAPFORGE_API_KEY';

/** The flags of every command that talks to the gateway. */
export const GATEWAY_FLAGS = {
  url: { type: 'string', value: 'URL', description: `gateway URL (else $${URL_ENV}, else ${DEV_ENV_FILE})` },
  'api-key': { type: 'string', value: 'KEY', description: `workspace API key (else $${API_KEY_ENV}, else ${DEV_ENV_FILE})` },
} as const satisfies CommandFlags;

export interface GatewayConfig {
  /** Without a trailing slash. */
  readonly url: string;
  readonly apiKey: string;
}

/** Each value from its flag, else the environment, else the dev.env that `npm start` wrote in `cwd`. */
export async function gatewayConfig(line: CommandLine, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<GatewayConfig> {
  const devEnv = await readDevEnv(cwd);
  const url = line.string('url') ?? env[URL_ENV] ?? devEnv[URL_ENV];
  const apiKey = line.string('api-key') ?? env[API_KEY_ENV] ?? devEnv[API_KEY_ENV];
  if (!url) throw CliError.usage(missing('gateway URL', 'url', URL_ENV));
  if (!apiKey) throw CliError.usage(missing('API key', 'api-key', API_KEY_ENV));
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw CliError.usage(`the gateway URL '${url}' is not an http(s) URL`);
  }
  return { url: url.replace(/\/+$/, ''), apiKey };
}

function missing(what: string, flag: string, variable: string): string {
  return `no ${what}: pass --${flag}, set ${variable}, or run this where \`npm start\` runs the stack (it writes ${DEV_ENV_FILE})`;
}

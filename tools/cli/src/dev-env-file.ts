import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Written by `npm start` in the directory it runs in: the local gateway's URL and development API key. */
export const DEV_ENV_FILE = join('.snapforge', 'dev.env');

/** `KEY=VALUE` lines; blank lines and `#` comments are skipped, and quotes around a value dropped. */
export function parseEnvFile(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const equals = line.indexOf('=');
    if (!line || line.startsWith('#') || equals <= 0) continue;
    const value = line.slice(equals + 1).trim();
    entries[line.slice(0, equals).trim()] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return entries;
}

/** The dev.env under `dir`, or nothing when there is none (no stack was started there). */
export async function readDevEnv(dir: string): Promise<Record<string, string>> {
  try {
    return parseEnvFile(await readFile(join(dir, DEV_ENV_FILE), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

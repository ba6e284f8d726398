import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DevSecrets {
  /** Accepted by the gateway for the development workspace. */
  readonly apiKey: string;
  /** Encrypts registry passwords at rest: losing it makes stored passwords unreadable, so it is kept. */
  readonly secretKey: string;
}

/** The development API key and secret key: made on the first run, the same on every later run. */
export async function loadOrCreateDevSecrets(dataDir: string): Promise<DevSecrets> {
  await mkdir(dataDir, { recursive: true });
  return {
    apiKey: await keep(join(dataDir, 'dev-api-key'), () => `sf_dev_${randomBytes(24).toString('hex')}`),
    secretKey: await keep(join(dataDir, 'secret-key'), () => randomBytes(32).toString('base64')),
  };
}

async function keep(file: string, make: () => string): Promise<string> {
  if (existsSync(file)) {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept) return kept;
  }
  const value = make();
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}

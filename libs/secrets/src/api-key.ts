import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sf_';

/** A new API key: 32 random bytes, so a fast hash is enough to store it safely (no dictionary to guess from). */
export function generateApiKey(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up instead of the key itself. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

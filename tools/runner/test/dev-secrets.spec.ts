import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@snapforge/testing';
import { loadOrCreateDevSecrets } from '../dev-secrets.js';

describe('loadOrCreateDevSecrets', () => {
  it('makes the keys once, readable by their owner only, and gives the same ones on later runs', async () => {
    const dir = await tempDir('secrets');
    try {
      const first = await loadOrCreateDevSecrets(join(dir.path, '.snapforge'));
      expect(first.apiKey).toMatch(/^sf_dev_[0-9a-f]{48}$/);
      expect(Buffer.from(first.secretKey, 'base64')).toHaveLength(32);
      expect((await stat(join(dir.path, '.snapforge/secret-key'))).mode & 0o777).toBe(0o600);
      await expect(loadOrCreateDevSecrets(join(dir.path, '.snapforge'))).resolves.toEqual(first);
    } finally {
      await dir.remove();
    }
  });
});

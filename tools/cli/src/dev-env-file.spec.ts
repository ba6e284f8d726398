import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@snapforge/testing';
import { DEV_ENV_FILE, parseEnvFile, readDevEnv } from './dev-env-file.js';

describe('parseEnvFile', () => {
  it('reads what `npm start` writes', () => {
    expect(parseEnvFile('SNAPFORGE_URL=http://127.0.0.1:8080\nSNAPFORGE_API_KEY=sf_dev_abc\n')).toEqual({
      SNAPFORGE_URL: 'http://127.0.0.1:8080',
      SNAPFORGE_API_KEY: 'sf_dev_abc',
    });
  });

  it('skips blank lines, comments and lines without a name, and drops quotes and spaces around values', () => {
    const text = ['# written by npm start', '', '  A = "quoted value" ', "B='single'", 'C=x=y', '=nameless', 'not a pair', 'D=', 'E="unbalanced'].join('\r\n');
    expect(parseEnvFile(text)).toEqual({ A: 'quoted value', B: 'single', C: 'x=y', D: '', E: '"unbalanced' });
  });
});

describe('readDevEnv', () => {
  it('reads .snapforge/dev.env under the directory, and nothing where there is none', async () => {
    const dir = await tempDir('cli-dev-env');
    try {
      expect(await readDevEnv(dir.path)).toEqual({});
      await mkdir(join(dir.path, '.snapforge'));
      await writeFile(join(dir.path, DEV_ENV_FILE), 'SNAPFORGE_URL=http://localhost:1\n');
      expect(await readDevEnv(dir.path)).toEqual({ SNAPFORGE_URL: 'http://localhost:1' });
    } finally {
      await dir.remove();
    }
  });
});

import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempDir } from '@snapforge/testing';

const stateScript = fileURLToPath(new URL('../node-modules-state.mjs', import.meta.url));

const manifest = { name: 'w', dependencies: { left: '^1.0.0' }, devDependencies: { right: '2.0.0' } };
const lock = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'w', dependencies: { left: '^1.0.0' }, devDependencies: { right: '^2.0.0' } },
    'node_modules/left': { version: '1.2.0' },
    'node_modules/right': { version: '2.0.0', dev: true },
    'node_modules/other-platform': { version: '1.0.0', optional: true },
  },
};
const installedAsLocked = { packages: { 'node_modules/left': { version: '1.2.0' }, 'node_modules/right': { version: '2.0.0' } } };

async function stateOf(files: Record<string, unknown>): Promise<string> {
  const workspace = await tempDir('node-modules');
  try {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(workspace.path, path, '..'), { recursive: true });
      await writeFile(join(workspace.path, path), JSON.stringify(content));
    }
    const { stdout } = await promisify(execFile)(process.execPath, [stateScript], { cwd: workspace.path });
    return stdout.trim();
  } finally {
    await workspace.remove();
  }
}

describe('node-modules-state.mjs', () => {
  it('is current when node_modules holds what the lockfile says, other platforms aside', async () => {
    await expect(
      stateOf({ 'package.json': manifest, 'package-lock.json': lock, 'node_modules/.package-lock.json': installedAsLocked }),
    ).resolves.toBe('current');
  });

  it('asks for npm ci when node_modules is missing or differs from the lockfile', async () => {
    await expect(stateOf({ 'package.json': manifest, 'package-lock.json': lock })).resolves.toBe('ci');
    const older = { packages: { ...installedAsLocked.packages, 'node_modules/left': { version: '1.1.0' } } };
    await expect(
      stateOf({ 'package.json': manifest, 'package-lock.json': lock, 'node_modules/.package-lock.json': older }),
    ).resolves.toBe('ci');
  });

  it('asks for npm install when package.json names other dependencies than the lockfile', async () => {
    const added = { ...manifest, dependencies: { ...manifest.dependencies, extra: '^1.0.0' } };
    await expect(
      stateOf({ 'package.json': added, 'package-lock.json': lock, 'node_modules/.package-lock.json': installedAsLocked }),
    ).resolves.toBe('install');
    await expect(stateOf({ 'package.json': manifest })).resolves.toBe('install');
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from the sources or compiled into dist/. */
export const workspaceRoot = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));

function findWorkspaceRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
  }
  throw new Error(`no nx.json above ${from}`);
}

let built = false;

/** Compiles the workspace into dist/ once per test process, so that what runs from dist/ matches the sources. */
export function buildWorkspaceOnce(): void {
  if (built) return;
  const build = spawnSync(process.execPath, [join(workspaceRoot, 'tools/build/build.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  built = true;
}

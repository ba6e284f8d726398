#!/usr/bin/env node
// The `snapforge` bin: runs the compiled CLI from dist/, building the workspace first when dist/ has none.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../../dist/tools/cli/src/main.js', import.meta.url);

if (!existsSync(entry)) {
  process.stderr.write('snapforge: dist/ holds no compiled CLI yet; building the workspace first (npm run build)\n');
  // The build reports on stdout; it goes to stderr so that `--json` output stays parseable.
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('../build/build.mjs', import.meta.url))], { stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('snapforge: the build failed\n');
    process.exit(1);
  }
}

await import(entry.href);

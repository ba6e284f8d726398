#!/usr/bin/env node
// Compiles apps/, libs/ and tools/ TypeScript into dist/ with the same layout (specs excluded).
// swc rewrites the @snapforge/* path aliases into relative imports, so dist/ runs on plain Node.
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import swc from '@swc/core';
import { swcOptions, workspaceRoot } from './swc-options.mjs';

const roots = ['apps', 'libs', 'tools'];
const outDir = join(workspaceRoot, 'dist');

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(spec|test)\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

const started = Date.now();
let count = 0;
const options = swcOptions();
for (const root of roots) {
  for await (const file of sources(join(workspaceRoot, root))) {
    const { code } = await swc.transformFile(file, { ...options, filename: file });
    const target = join(outDir, relative(workspaceRoot, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    // Written aside then renamed: a test process building concurrently, or a service starting from
    // dist/, never reads a half-written file.
    const written = `${target}.${process.pid}.tmp`;
    await writeFile(written, code);
    await rename(written, target);
    count++;
  }
}
console.log(`build: ${count} files compiled into dist/ in ${Date.now() - started} ms`);

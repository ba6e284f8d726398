#!/usr/bin/env node
// Prints what node_modules needs: `current`, `ci` (missing or not what package-lock.json says) or
// `install` (package.json asks for other dependencies than package-lock.json records).
// Compares contents, not times: `npm install <pkg>` writes the lockfile after node_modules.
// Node built-ins only, since it runs before anything is installed.
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
// Names only: npm ci accepts a lockfile whose versions satisfy package.json's ranges, whatever their spelling.
const sameNames = (a = {}, b = {}) => Object.keys(a).sort().join() === Object.keys(b).sort().join();

function state() {
  if (!existsSync('package-lock.json')) return 'install';
  const manifest = read('package.json');
  const lock = read('package-lock.json');
  const root = lock.packages?.[''] ?? {};
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    if (!sameNames(manifest[field], root[field])) return 'install';
  }
  if (!existsSync('node_modules/.package-lock.json')) return 'ci';
  const installed = read('node_modules/.package-lock.json').packages ?? {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path) continue;
    const present = installed[path];
    // Optional packages for other platforms are never installed.
    if (!present ? !entry.optional : present.version !== entry.version) return 'ci';
  }
  return Object.keys(installed).every((path) => path in lock.packages) ? 'current' : 'ci';
}

console.log(state());

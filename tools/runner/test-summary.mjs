#!/usr/bin/env node
// Sums the Jest reports in .snapforge/test-results/ (one per Nx project with a test target) and
// prints one final line: `N passed, N failed` (plus `, N skipped` when any). A suite that failed to
// run, a project without a report, and a failed step (--failed-step=NAME) each count as one failure.
// Exits non-zero when anything failed. Node built-ins only: it must report even when setup failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = '.snapforge/test-results';
const skippedDirs = new Set(['node_modules', 'dist', '.git', '.nx', '.snapforge', 'coverage']);

function* projectFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !skippedDirs.has(entry.name)) yield* projectFiles(join(dir, entry.name));
    else if (entry.name === 'project.json') yield join(dir, entry.name);
  }
}

const testedProjects = [...projectFiles('.')]
  .map((file) => JSON.parse(readFileSync(file, 'utf8')))
  .filter((project) => project.targets?.test)
  .map((project) => project.name);
const reports = existsSync(resultsDir) ? readdirSync(resultsDir).filter((file) => file.endsWith('.json')) : [];
const projects = [...new Set([...testedProjects, ...reports.map((file) => file.slice(0, -'.json'.length))])].sort();

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];
for (const project of projects) {
  const file = join(resultsDir, `${project}.json`);
  if (!existsSync(file)) {
    failed += 1;
    notes.push(`${project}: no test report (its tests did not run)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  skipped += report.numPendingTests + report.numTodoTests;
  if (report.numRuntimeErrorTestSuites) notes.push(`${project}: ${report.numRuntimeErrorTestSuites} test file(s) failed to run`);
  if (report.numFailedTests) notes.push(`${project}: ${report.numFailedTests} test(s) failed`);
}

const failedSteps = process.argv.filter((arg) => arg.startsWith('--failed-step=')).map((arg) => arg.slice('--failed-step='.length));
for (const step of failedSteps) {
  // nx fails whenever a test fails; it is a failure of its own only when the reports do not explain it (lint).
  if (step === 'nx-run-many' && failed > 0) continue;
  failed += 1;
  notes.push(step === 'nx-run-many' ? 'nx run-many failed although every test passed: see the lint output above' : `step failed: ${step}`);
}

for (const note of notes) console.log(`  ${note}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed ? 1 : 0;

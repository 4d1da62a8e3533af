#!/usr/bin/env node
// Adds up the JSON reports every package's vitest run writes and prints one closing line,
// `N passed, N failed`, so that a run which tested nothing cannot pass for a green one.
// `clean` removes old reports first, so that a package that stopped testing is noticed.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Every workspace of the root package.json (`apps/*` and the like, or one folder).
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const reports = workspaces
  .flatMap((w) => {
    if (!w.endsWith('/*')) return [join(root, w)];
    const dir = join(root, w.slice(0, -2));
    return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
  })
  .map((pkg) => join(pkg, '.reports', 'vitest.json'));

if (process.argv[2] === 'clean') {
  for (const report of reports) rmSync(report, { force: true });
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const report of reports.filter((r) => existsSync(r))) {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

#!/usr/bin/env node
// Adds up the JSON reports every workspace's vitest run writes and prints one closing line,
// `N passed, N failed`, green only when every workspace with a `test` script left a report,
// no test file failed (a file that fails to load has no failed test, only a failed suite), and
// at least one test passed. Skipped tests are counted and named by file; under CI (`CI=true`)
// a skipped PostgreSQL variant of a database suite (`... [postgres]`, skipped when
// TEST_DATABASE_URL is unset) fails the run, as CI is where those suites must run.
// `clean` removes old reports first, so that a workspace that stopped testing is noticed.
// `--status N` passes the exit status of the run (turbo's); `--root DIR` reads another
// checkout (the summary's own tests).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? args[rootAt + 1] : fileURLToPath(new URL('..', import.meta.url));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

// Every workspace of the root package.json (`apps/*` and the like, or one folder) that has a
// `test` script: turbo runs that script in each of them, and each must leave a report.
const workspaces = readJson(join(root, 'package.json'))
  .workspaces.flatMap((w) => {
    if (!w.endsWith('/*')) return [join(root, w)];
    const dir = join(root, w.slice(0, -2));
    return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
  })
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .filter((dir) => readJson(join(dir, 'package.json')).scripts?.test);
const reportOf = (dir) => join(dir, '.reports', 'vitest.json');

if (args[0] === 'clean') {
  for (const dir of workspaces) rmSync(reportOf(dir), { force: true });
  process.exit(0);
}

const problems = [];
const skippedByFile = new Map();
/** Test files whose PostgreSQL variant was skipped. */
const postgres = new Set();
let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of workspaces) {
  const name = relative(root, dir);
  if (!existsSync(reportOf(dir))) {
    problems.push(`${name}: no test report (its tests did not run to the end)`);
    continue;
  }
  const report = readJson(reportOf(dir));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults ?? []) {
    const path = relative(root, file.name);
    if (file.status === 'failed' && !file.assertionResults?.some((a) => a.status === 'failed'))
      problems.push(`${path}: failed to run: ${(file.message || 'no message').split('\n')[0]}`);
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'pending' && test.status !== 'skipped' && test.status !== 'todo')
        continue;
      skippedByFile.set(path, (skippedByFile.get(path) ?? 0) + 1);
      if (test.ancestorTitles.some((title) => title.endsWith('[postgres]'))) postgres.add(path);
    }
  }
  if (report.numFailedTestSuites > 0)
    problems.push(`${name}: ${report.numFailedTestSuites} failed suites`);
  else if (report.success === false) problems.push(`${name}: vitest reported the run failed`);
}
if (process.env.CI === 'true')
  for (const path of postgres)
    problems.push(`${path}: its PostgreSQL variant was skipped (CI needs TEST_DATABASE_URL)`);
// The exit status of the run that wrote the reports (turbo's), which also covers what wrote
// none of them, such as a type error.
const statusAt = args.indexOf('--status');
const status = statusAt >= 0 ? Number(args[statusAt + 1]) : 0;
if (status !== 0) problems.push(`the test run exited with status ${status}`);

for (const [path, count] of skippedByFile) console.log(`skipped: ${count} in ${path}`);
for (const problem of problems) console.log(`FAILED: ${problem}`);
const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
const green = failed === 0 && passed > 0 && problems.length === 0;
const count = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
console.log(green ? line : `${line}: NOT GREEN (${count} above)`);
process.exit(green ? 0 : 1);

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO } from './services.js';

// tooling/test-summary.mjs closes `npm test` with one line: run here on simulated checkouts,
// whose workspaces hold hand-written vitest JSON reports.

interface Test {
  status: 'passed' | 'failed' | 'skipped';
  suite?: string;
}
interface File {
  tests: Test[];
  /** The file failed to load: vitest reports it failed with no failed test. */
  loadError?: string;
}

/** A vitest JSON report of these files, counted as vitest counts them. */
function report(dir: string, files: File[]) {
  const tests = files.flatMap((f) => f.tests);
  const count = (status: Test['status']) => tests.filter((t) => t.status === status).length;
  const failedFiles = files.filter(
    (f) => f.loadError || f.tests.some((t) => t.status === 'failed'),
  );
  return {
    numFailedTestSuites: failedFiles.length,
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped'),
    numTodoTests: 0,
    success: failedFiles.length === 0,
    testResults: files.map((f, i) => ({
      name: join(dir, 'test', `file-${i}.test.ts`),
      status: failedFiles.includes(f) ? 'failed' : 'passed',
      message: f.loadError ?? '',
      assertionResults: f.tests.map((t, j) => ({
        ancestorTitles: [t.suite ?? 'suite'],
        fullName: `${t.suite ?? 'suite'} test ${j}`,
        status: t.status,
      })),
    })),
  };
}

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A checkout whose `packages/*` are these workspaces: a report each, or none (undefined). */
function checkout(workspaces: Record<string, File[] | undefined>, untested: string[] = []) {
  root = mkdtempSync(join(tmpdir(), 'test-summary-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ workspaces: ['packages/*'] }));
  for (const [name, files] of Object.entries(workspaces)) {
    const dir = join(root, 'packages', name);
    mkdirSync(join(dir, '.reports'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { test: 'vitest run' } }));
    if (files)
      writeFileSync(join(dir, '.reports', 'vitest.json'), JSON.stringify(report(dir, files)));
  }
  for (const name of untested) {
    mkdirSync(join(root, 'packages', name), { recursive: true });
    writeFileSync(join(root, 'packages', name, 'package.json'), JSON.stringify({ scripts: {} }));
  }
  return root;
}

async function summary(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  const { CI: _, ...rest } = process.env;
  const ran = await promisify(execFile)(
    process.execPath,
    [join(REPO, 'tooling/test-summary.mjs'), ...args, '--root', dir],
    { env: { ...rest, ...env } },
  ).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  const lines = ran.stdout.trim().split('\n');
  return { code: ran.code, lines, last: lines.at(-1) ?? '' };
}

const passing: File[] = [{ tests: [{ status: 'passed' }, { status: 'passed' }] }];
const green = /^\d+ passed, 0 failed(, \d+ skipped)?$/;

describe('tooling/test-summary.mjs', () => {
  it('is green when every tested workspace reported and nothing failed', async () => {
    const dir = checkout({ a: passing, b: passing }, ['docs-only']);
    const run = await summary(dir);
    expect(run).toMatchObject({ code: 0, last: '4 passed, 0 failed' });
  });

  it('is not green with three suites that failed to load and six missing reports', async () => {
    const broken: File = { tests: [], loadError: 'Cannot find module x' };
    const missing = Object.fromEntries(['c', 'd', 'e', 'f', 'g', 'h'].map((n) => [n, undefined]));
    const dir = checkout({ a: passing, b: [broken, broken, broken], ...missing });
    const run = await summary(dir);
    expect(run.code).toBe(1);
    expect(run.last).not.toMatch(green);
    expect(run.last).toMatch(/^2 passed, 0 failed: NOT GREEN/);
    expect(run.lines.filter((l) => l.includes('no test report'))).toHaveLength(6);
    expect(run.lines.filter((l) => l.includes('Cannot find module x'))).toHaveLength(3);
  });

  it('is not green with a failed test, or when the run itself failed', async () => {
    const failing = checkout({ a: passing, b: [{ tests: [{ status: 'failed' }] }] });
    expect(await summary(failing)).toMatchObject({
      code: 1,
      last: expect.stringMatching(/^2 passed, 1 failed: NOT GREEN/),
    });
    const typeError = checkout({ a: passing });
    const run = await summary(typeError, ['--status', '2']);
    expect(run).toMatchObject({ code: 1, last: expect.stringMatching(/NOT GREEN/) });
    expect(run.lines).toContain('FAILED: the test run exited with status 2');
  });

  it('is not green when nothing passed', async () => {
    expect(await summary(checkout({ a: [{ tests: [] }] }))).toMatchObject({ code: 1 });
  });

  it('counts skipped tests by file; under CI a skipped PostgreSQL variant fails', async () => {
    const pg: File = {
      tests: [
        { status: 'passed', suite: 'ingest [pglite]' },
        { status: 'skipped', suite: 'ingest [postgres]' },
      ],
    };
    const dir = checkout({ a: passing, db: [pg] });
    const local = await summary(dir);
    expect(local).toMatchObject({ code: 0, last: '3 passed, 0 failed, 1 skipped' });
    expect(local.lines).toContain('skipped: 1 in packages/db/test/file-0.test.ts');
    const ci = await summary(dir, [], { CI: 'true' });
    expect(ci).toMatchObject({ code: 1, last: expect.stringMatching(/NOT GREEN/) });
    expect(ci.lines).toContain(
      'FAILED: packages/db/test/file-0.test.ts: its PostgreSQL variant was skipped (CI needs TEST_DATABASE_URL)',
    );
  });

  it('clean removes the reports, so that one not written again is missed', async () => {
    const dir = checkout({ a: passing });
    await summary(dir, ['clean']);
    expect(existsSync(join(dir, 'packages/a/.reports/vitest.json'))).toBe(false);
    expect((await summary(dir)).lines).toContain(
      'FAILED: packages/a: no test report (its tests did not run to the end)',
    );
  });
});

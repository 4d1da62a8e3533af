import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createScratchDatabase } from '@breachless/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cliAsync, keepOpen, type Ran } from './harness.js';

const BIN = fileURLToPath(new URL('../bin/breachless.js', import.meta.url));

const base = process.env.TEST_DATABASE_URL;
// The folder `npx breachless` was typed in (npm's INIT_CWD).
const initCwd = mkdtempSync(join(tmpdir(), 'breachless cli unmigrated '));
afterAll(() => rmSync(initCwd, { recursive: true, force: true }));
// The in-process commands refused on it share one start of PGlite.
const neverMigrated = join(initCwd, 'never-migrated');
keepOpen(neverMigrated);
const line = (where: string) =>
  `breachless: the database at ${where} is not migrated: run \`breachless migrate\`\n`;

/** Runs the real bin from `cwd` as npx would, with INIT_CWD the folder it was typed in. */
async function npx(cwd: string, argv: string[]): Promise<Ran> {
  const { DATABASE_URL: _, BREACHLESS_DATA_DIR: __, ...inherited } = process.env;
  try {
    const run = promisify(execFile);
    const { stdout, stderr } = await run(process.execPath, [BIN, ...argv], {
      cwd,
      env: { ...inherited, INIT_CWD: initCwd },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as Ran;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the CLI on an unmigrated database', () => {
  it('says to run migrate instead of raw SQL, in the folder it was run from, until migrated', async () => {
    const dir = join(initCwd, '.breachless');
    expect(await npx(initCwd, ['stats', '7d', '--tenant', 'demo'])).toEqual({
      code: 2,
      stdout: '',
      stderr: line(dir),
    });
    // The directory that refusal created, never migrated, under another name for the
    // in-process commands below: a copy, where a directory of their own cost initdb again
    // (some 5 to 10 s of CPU) to reach the same state.
    const env = { BREACHLESS_DATA_DIR: neverMigrated };
    cpSync(dir, neverMigrated, { recursive: true });
    // Typed in the root, run in a folder under it: the root's directory still.
    const below = join(initCwd, 'apps', 'cli');
    mkdirSync(below, { recursive: true });
    expect(await npx(below, ['migrate'])).toEqual({
      code: 0,
      stdout: `migrations applied: embedded PGlite in ${dir}\n`,
      stderr: '',
    });
    for (const argv of [
      ['token', 'create', '--tenant', 'demo'],
      ['report', '--tenant', 'demo', '--from', '2026-11-01', '--to', '2026-11-07'],
    ])
      expect(await cliAsync(argv, env)).toEqual({
        code: 2,
        stdout: '',
        stderr: line(env.BREACHLESS_DATA_DIR),
      });
    const stats = await cliAsync(['stats', '7d', '--tenant', 'demo'], { BREACHLESS_DATA_DIR: dir });
    expect(stats).toMatchObject({ code: 0, stderr: '' });
  });

  it.runIf(base)('says the same on PostgreSQL, never migrating it implicitly', async () => {
    const scratch = await createScratchDatabase(base as string);
    try {
      const env = { DATABASE_URL: scratch.url };
      const where = new URL(scratch.url);
      const refused = await cliAsync(['at-risk', '--tenant', 'demo'], env);
      expect(refused).toEqual({
        code: 2,
        stdout: '',
        stderr: line(`${where.host}${where.pathname}`),
      });
      // Still unmigrated: the refusal created nothing.
      expect((await cliAsync(['at-risk', '--tenant', 'demo'], env)).code).toBe(2);
      expect((await cliAsync(['migrate'], env)).code).toBe(0);
      expect(await cliAsync(['at-risk', '--tenant', 'demo'], env)).toMatchObject({
        code: 0,
        stderr: '',
      });
    } finally {
      await scratch.drop();
    }
  });

  it.runIf(base)(
    "names a PostgreSQL database that does not exist, not drizzle's query",
    async () => {
      const missing = new URL(base as string);
      missing.pathname = `/breachless_missing_${process.pid}`;
      expect(
        await cliAsync(['at-risk', '--tenant', 'demo'], { DATABASE_URL: `${missing}` }),
      ).toEqual({
        code: 1,
        stdout: '',
        stderr: `breachless: unexpected failure: database "breachless_missing_${process.pid}" does not exist\n`,
      });
    },
  );
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '@breachless/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cliAsync } from './harness.js';

const base = process.env.TEST_DATABASE_URL;
// The folder `npx breachless` was run in (npm's INIT_CWD); the test runs in apps/cli.
const initCwd = mkdtempSync(join(tmpdir(), 'breachless cli unmigrated '));
afterAll(() => rmSync(initCwd, { recursive: true, force: true }));
const line = (where: string) =>
  `breachless: the database at ${where} is not migrated: run \`breachless migrate\`\n`;

describe('the CLI on an unmigrated database', () => {
  it('says to run migrate instead of raw SQL, in the folder it was run from, until migrated', async () => {
    const env = { INIT_CWD: initCwd };
    const dir = join(initCwd, '.breachless');
    for (const argv of [
      ['stats', '7d', '--tenant', 'demo'],
      ['token', 'create', '--tenant', 'demo'],
      ['report', '--tenant', 'demo', '--from', '2026-11-01', '--to', '2026-11-07'],
    ])
      expect(await cliAsync(argv, env)).toEqual({ code: 2, stdout: '', stderr: line(dir) });
    const migrated = await cliAsync(['migrate'], env);
    expect(migrated).toEqual({
      code: 0,
      stdout: `migrations applied: embedded PGlite in ${dir}\n`,
      stderr: '',
    });
    const stats = await cliAsync(['stats', '7d', '--tenant', 'demo'], env);
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
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, verifyToken } from '@breachless/db';
import { suiteDatabase } from '@breachless/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync } from './harness.js';

// Revoking is the same on either driver: on PostgreSQL when CI has one, where each of the
// some fifteen commands connects instead of opening PGlite's directory (about a second each).
// What is the embedded database's own (its directory, its messages) database-commands.test.ts
// and unmigrated.test.ts run on it.
const base = process.env.TEST_DATABASE_URL;
// PostgreSQL's database is the test process's shared one, migrated once and emptied for each
// suite: one of the file's own cost creating, migrating and dropping it (1 to 3 s of the server).
const scratch = base ? await suiteDatabase('postgres') : undefined;
afterAll(() => scratch?.release());
const env: Record<string, string> = scratch
  ? { DATABASE_URL: scratch.url as string }
  : { BREACHLESS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'breachless-token-')), 'data') };
const create = async (tenant: string) =>
  (await cliAsync(['token', 'create', '--tenant', tenant, '--label', 'ci'], env)).stdout.trim();
const idOf = (token: string) => token.slice(3, 15);

/** Which of the tokens the API would still accept. */
async function valid(tokens: readonly string[]): Promise<boolean[]> {
  const handle = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.BREACHLESS_DATA_DIR,
  });
  try {
    return await Promise.all(
      tokens.map(async (t) => (await verifyToken(handle.db, t)) !== undefined),
    );
  } finally {
    await handle.close();
  }
}

describe('breachless token revoke', () => {
  let acme: string;
  let other: string;
  let globex: string;
  beforeAll(async () => {
    expect((await cliAsync(['migrate'], env)).code).toBe(0);
    acme = await create('acme');
    other = await create('acme');
    globex = await create('globex');
  });

  it('stops one token of the tenant, by id, and leaves the others working', async () => {
    expect(await valid([acme, other, globex])).toEqual([true, true, true]);
    const revoked = await cliAsync(['token', 'revoke', '--tenant', 'acme', idOf(acme)], env);
    expect(revoked).toEqual({
      code: 0,
      stdout: `revoked token ${idOf(acme)} (ci) of tenant acme: requests with it now answer 401\n`,
      stderr: '',
    });
    expect(await valid([acme, other, globex])).toEqual([false, true, true]);
    // Again: nothing to do, and it says since when.
    const again = await cliAsync(['token', 'revoke', idOf(acme), '--tenant', 'acme'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^token \w{12} \(ci\) of tenant acme was already revoked at 20/);
  });

  it('takes the whole token as pasted', async () => {
    const revoked = await cliAsync(['token', 'revoke', '--tenant', 'acme', other], env);
    expect(revoked.code).toBe(0);
    expect(await valid([other])).toEqual([false]);
    expect(revoked.stdout).not.toContain(other.slice(16));
  });

  it("refuses another tenant's token as unknown, and bad command lines, changing nothing", async () => {
    const foreign = await cliAsync(['token', 'revoke', '--tenant', 'acme', idOf(globex)], env);
    expect(foreign).toEqual({
      code: 2,
      stdout: '',
      stderr: `breachless: tenant acme has no token ${idOf(globex)}\n`,
    });
    const bad = [
      [['token', 'revoke', '--tenant', 'globex'], 'missing TOKEN-ID'],
      [['token', 'revoke', idOf(globex)], 'missing --tenant'],
      [['token', 'revoke', '--tenant', 'globex', 'nope'], '"nope" is not a token id'],
      [['token', 'revoke', '--tenant', 'globex', idOf(globex), idOf(acme)], 'one token at a time'],
      [['token', 'create', '--tenant', 'globex', 'extra'], 'unexpected argument "extra"'],
    ] as const;
    for (const [argv, message] of bad) {
      const ran = await cliAsync([...argv], env);
      expect(ran.code, argv.join(' ')).toBe(2);
      expect(ran.stderr).toContain(message);
      expect(ran.stderr).toContain('breachless token revoke --tenant ID TOKEN-ID');
    }
    expect(await valid([globex])).toEqual([true]);
  });
});

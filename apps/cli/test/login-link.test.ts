import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, redeemLoginLink } from '@breachless/db';
import { suiteDatabase } from '@breachless/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync } from './harness.js';

// On PostgreSQL when CI has one (each command connects instead of opening PGlite's directory).
const base = process.env.TEST_DATABASE_URL;
// PostgreSQL's database is the test process's shared one, migrated once and emptied for each
// suite: one of the file's own cost creating, migrating and dropping it (1 to 3 s of the server).
const scratch = base ? await suiteDatabase('postgres') : undefined;
afterAll(() => scratch?.release());
const env: Record<string, string> = scratch
  ? { DATABASE_URL: scratch.url as string }
  : { BREACHLESS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'breachless-login-')), 'data') };

/** Spends a link's secret as the console's sign-in does: the session it opens, or undefined. */
async function spend(url: string) {
  const handle = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.BREACHLESS_DATA_DIR,
  });
  try {
    const secret = new URL(url).searchParams.get('link') ?? '';
    return (await redeemLoginLink(handle.db, secret, Date.now(), 60_000))?.session;
  } finally {
    await handle.close();
  }
}

describe('breachless login-link', () => {
  beforeAll(async () => {
    expect((await cliAsync(['migrate'], env)).code).toBe(0);
  });

  it('prints a one-time console link for the tenant, role and user, at the given address', async () => {
    const out = await cliAsync(
      [
        'login-link',
        '--tenant',
        'acme',
        '--role',
        'admin',
        '--user',
        'lead',
        '--url',
        'http://example.test:8080/',
      ],
      env,
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^http:\/\/example\.test:8080\/sign-in\?link=[A-Za-z0-9_-]{43}\n$/);
    expect(await spend(out.stdout.trim())).toMatchObject({
      tenant: 'acme',
      role: 'admin',
      user: 'lead',
    });
    // Spent: the same link opens nothing the second time.
    expect(await spend(out.stdout.trim())).toBeUndefined();
  });

  it('signs in a viewer by default, and refuses a role it does not know', async () => {
    const viewer = await cliAsync(['login-link', '--tenant', 'acme', '--user', 'vic'], env);
    expect(await spend(viewer.stdout.trim())).toMatchObject({ role: 'viewer', user: 'vic' });
    const bad = await cliAsync(['login-link', '--tenant', 'acme', '--role', 'owner'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role: "owner" is not admin or viewer');
  });
});

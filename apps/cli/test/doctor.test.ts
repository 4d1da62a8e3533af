import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MIGRATIONS_FOLDER } from '@breachless/db';
import { type SuiteDatabase, suiteDatabase } from '@breachless/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/io.js';
import { run } from '../src/run.js';
import { EXAMPLES, scratch } from './harness.js';

const file = scratch();
const migrated = file('.keep', '').replace('.keep', 'migrated');
const MIGRATIONS = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length;

/** Runs doctor with the real clock shifted by `skewMs`, so clock checks are deterministic. */
async function doctor(env: Record<string, string>, skewMs = 0) {
  let stdout = '';
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: () => {},
    readFile: (path) => readFileSync(path, 'utf8'),
    env,
    now: () => Date.now() + skewMs,
  };
  const code = await run(['doctor'], io);
  return { code, stdout };
}

/** A fake Slack `auth.test` granting the given scopes, or refusing the token. */
function fakeSlack(scopes: () => string | null): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const granted = scopes();
    res.setHeader('content-type', 'application/json');
    if (req.url !== '/api/auth.test' || granted === null) {
      res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
      return;
    }
    res.setHeader('x-oauth-scopes', granted);
    res.end(JSON.stringify({ ok: true, team: 'Acme Support' }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/` }),
    ),
  );
}

const ALL_SCOPES =
  'chat:write,commands,files:write,im:write,users:read,users:read.email,channels:read,groups:read';
let slack: { server: Server; url: string };
let granted: string | null = ALL_SCOPES;
// The checks beside the database's (clock, config, Slack, Teams) read the same from either
// driver: on PostgreSQL when CI has one, each of their dozen runs connects instead of opening
// PGlite's directory (about a second each). The embedded database's own lines keep PGlite.
const base = process.env.TEST_DATABASE_URL;
let postgres: SuiteDatabase | undefined;
let checked: Record<string, string>;

/** `breachless migrate` on `env`'s database. */
async function migrate(env: Record<string, string>): Promise<void> {
  const code = await run(['migrate'], {
    stdout: () => {},
    stderr: () => {},
    readFile: (p) => readFileSync(p, 'utf8'),
    env,
    now: Date.now,
  });
  expect(code).toBe(0);
}

beforeAll(async () => {
  slack = await fakeSlack(() => granted);
  await migrate({ BREACHLESS_DATA_DIR: migrated });
  // The test process's shared PostgreSQL database, migrated once and emptied for each suite.
  postgres = base ? await suiteDatabase('postgres') : undefined;
  checked = postgres ? { DATABASE_URL: postgres.url as string } : { BREACHLESS_DATA_DIR: migrated };
  if (postgres) await migrate(checked);
});
afterAll(async () => {
  await new Promise<void>((done) => slack.server.close(() => done()));
  await postgres?.release();
});

describe('breachless doctor', () => {
  it('passes a migrated embedded database with nothing else configured', async () => {
    const { code, stdout } = await doctor({ BREACHLESS_DATA_DIR: migrated });
    expect(code).toBe(0);
    expect(stdout).toContain(
      `ok    database: embedded PGlite in ${migrated} reachable, all ${MIGRATIONS} migrations applied`,
    );
    expect(stdout).toContain('ok    clock: within 2 s of the database');
    expect(stdout).toMatch(/skip {2}slack: not configured/);
    expect(stdout).toMatch(/skip {2}teams: no MICROSOFT_APP_ID/);
  });

  it('fails an unmigrated database and says to migrate', async () => {
    const fresh = file('.keep2', '').replace('.keep2', 'fresh');
    const { code, stdout } = await doctor({ BREACHLESS_DATA_DIR: fresh });
    expect(code).toBe(1);
    expect(stdout).toContain(
      `FAIL  database: embedded PGlite in ${fresh} reachable, 0 of ${MIGRATIONS} migrations applied`,
    );
    expect(stdout).toContain('fix: run `breachless migrate`');
  });

  it('fails an unreachable PostgreSQL without printing its password', async () => {
    const { code, stdout } = await doctor({ DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/x' });
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL  database: PostgreSQL at 127.0.0.1:1/x');
    expect(stdout).not.toContain('secret');
  });

  it('warns of a few seconds of clock skew and fails beyond thirty', async () => {
    const env = checked;
    const warned = await doctor(env, 10_000);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(
      /WARN {2}clock: this machine is (9|10)\.\d s ahead of the database/,
    );
    const failed = await doctor(env, -120_000);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /FAIL {2}clock: this machine is 1[12]\d\.\d s behind the database/,
    );
  });

  it('checks the config file and lists every problem by path', async () => {
    const env = checked;
    const good = await doctor({ ...env, BREACHLESS_CONFIG: `${EXAMPLES}breachless.config.yaml` });
    expect(good.stdout).toMatch(
      /ok {4}config: .*breachless\.config\.yaml: \d+ calendars, \d+ policies/,
    );
    const bad = file('bad.yaml', 'calendars:\n  - id: 7\npolicies: nope\n');
    const failed = await doctor({ ...env, BREACHLESS_CONFIG: bad });
    expect(failed.code).toBe(1);
    const line = failed.stdout.split('\n').find((l) => l.startsWith('FAIL  config:')) ?? '';
    expect(line).toContain('calendars[0].id: must be a string, not number');
    expect(line).toContain('calendars[0].timezone: is required');
    expect(line).toContain('policies: must be a list');
  });

  it('asks Slack which scopes the bot token has and names the missing ones', async () => {
    const env = {
      ...checked,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: slack.url,
    };
    granted = ALL_SCOPES;
    const ok = await doctor(env);
    expect(ok.stdout).toContain(
      'ok    slack: bot token valid for Acme Support, every scope granted',
    );
    granted = 'chat:write,commands';
    const lacking = await doctor(env);
    expect(lacking.code).toBe(1);
    expect(lacking.stdout).toContain(
      'FAIL  slack: the bot token lacks files:write, im:write, users:read, users:read.email, channels:read, groups:read',
    );
    granted = null;
    const refused = await doctor(env);
    expect(refused.stdout).toContain('FAIL  slack: the bot token is refused: invalid_auth');
    const unsigned = await doctor({ ...env, SLACK_SIGNING_SECRET: '' });
    expect(unsigned.stdout).toContain('FAIL  slack: SLACK_SIGNING_SECRET is not set');
  });

  it('checks that the Teams registration variables fit together', async () => {
    const env = checked;
    const id = '00000000-0000-4000-8000-000000000001';
    const single = await doctor({
      ...env,
      MICROSOFT_APP_ID: id,
      MICROSOFT_APP_PASSWORD: 'p',
      MICROSOFT_APP_TYPE: 'SingleTenant',
    });
    expect(single.code).toBe(1);
    expect(single.stdout).toContain(
      'FAIL  teams: a SingleTenant app needs MICROSOFT_APP_TENANT_ID',
    );
    const multi = await doctor({ ...env, MICROSOFT_APP_ID: id, MICROSOFT_APP_PASSWORD: 'p' });
    expect(multi.stdout).toContain(`ok    teams: MultiTenant registration ${id} configured`);
    const wrong = await doctor({ ...env, MICROSOFT_APP_ID: 'bot' });
    expect(wrong.stdout).toContain(
      'FAIL  teams: MICROSOFT_APP_ID is not a GUID; MICROSOFT_APP_PASSWORD is not set',
    );
  });
});

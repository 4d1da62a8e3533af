// `breachless connect` against the loopback Zendesk of @breachless/sync (Zendesk's
// Incremental Ticket Event Export as documented: see src/zendesk/fake.ts there): the
// backfill runs here with its progress, the token is never printed, a refused token leaves
// the connection stored and failing, and status, rotate and remove say what they did.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suiteDatabase } from '@breachless/db/testing';
import { FakeZendesk, fakeHistory } from '@breachless/sync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync } from './harness.js';

// The harness's "real now"; the fake's one-minute exclusion reads the same clock.
const NOW = Date.parse('2026-11-25T18:00:00Z');
const TOKEN = 'zendesk-secret-token-1';
const history = fakeHistory({ tickets: 12, start: Date.UTC(2026, 10, 20, 8) / 1000 });
const webhookEvents = history.reduce((n, c) => n + c.webhooks.length, 0);

// On PostgreSQL when CI has one (each command connects instead of opening PGlite's folder).
const base = process.env.TEST_DATABASE_URL;
// PostgreSQL's database is the test process's shared one, migrated once and emptied for each
// suite: one of the file's own cost creating, migrating and dropping it (1 to 3 s of the server).
const scratch = base ? await suiteDatabase('postgres') : undefined;
const env: Record<string, string> = scratch
  ? { DATABASE_URL: scratch.url as string }
  : { BREACHLESS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'breachless-connect-')), 'data') };

let fake: FakeZendesk;
beforeAll(async () => {
  fake = new FakeZendesk({
    clock: () => NOW,
    pageSize: 25,
    perMinute: null,
    email: 'agent@example.com',
    token: TOKEN,
  });
  fake.add(...history.map((c) => c.audit));
  await fake.start();
  expect((await cliAsync(['migrate'], env)).code).toBe(0);
});
afterAll(async () => {
  await fake.close();
  await scratch?.release();
});

const connect = (tenant: string, token: string) =>
  cliAsync(
    ['connect', 'zendesk', '--tenant', tenant, '--url', fake.url, '--email', 'agent@example.com'],
    { ...env, ZENDESK_API_TOKEN: token },
  );

describe('breachless connect zendesk', () => {
  it('backfills the whole history with its progress, every change once, never printing the token', async () => {
    const ran = await connect('acme', TOKEN);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`connected zendesk (${fake.url}) for tenant acme`);
    expect(ran.stdout).toContain('zendesk backfill done');
    // One progress line a page of 25 audits.
    const pages = ran.stderr.match(/^zendesk backfill: \d+ pages/gm) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(history.length / 25));
    expect(`${ran.stdout}${ran.stderr}`).not.toContain(TOKEN);

    const status = await cliAsync(['connect', 'status', '--tenant', 'acme'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^acme\/zendesk ok: last sync /);
    // Each change stored once: as many events as Zendesk's webhooks carry for them.
    // (A full page's last second is read again, as Zendesk documents: those are "already stored".)
    expect(status.stdout).toContain(`${webhookEvents} events stored, `);
    expect(status.stdout).toMatch(/already stored, 0 rejected/);
    expect(status.stdout).not.toContain(TOKEN);

    // Connecting again reads the history again and stores nothing twice.
    const again = await connect('acme', TOKEN);
    expect(again.code).toBe(0);
    const after = await cliAsync(['connect', 'status', '--tenant', 'acme'], env);
    const stored = after.stdout.match(/, (\d+) events stored, (\d+) already stored, 0 rejected/);
    expect(stored?.[1]).toBe('0');
    expect(Number(stored?.[2])).toBeGreaterThanOrEqual(webhookEvents);
  });

  it('keeps a connection whose token Zendesk refuses, failing, until --rotate mends it', async () => {
    const refused = await connect('globex', 'wrong-token');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('401');
    expect(refused.stdout).toContain('the connection is stored');
    expect(`${refused.stdout}${refused.stderr}`).not.toContain('wrong-token');
    const failing = await cliAsync(['connect', 'status', '--tenant', 'globex'], env);
    expect(failing.stdout).toMatch(/^globex\/zendesk failing: never synced/);

    const rotated = await cliAsync(['connect', 'zendesk', '--tenant', 'globex', '--rotate'], {
      ...env,
      ZENDESK_API_TOKEN: TOKEN,
    });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('replaced the zendesk token of tenant globex');
    expect(rotated.stdout).not.toContain(TOKEN);
  });

  it('answers a missing token, a plain-http address or a bad repository with its usage, storing nothing', async () => {
    const noToken = await cliAsync(
      ['connect', 'zendesk', '--tenant', 'initech', '--url', fake.url, '--email', 'a@b.c'],
      env,
    );
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('no API token: set ZENDESK_API_TOKEN');
    const plain = await cliAsync(
      ['connect', 'zendesk', '--tenant', 'initech', '--url', 'http://acme.zendesk.com'],
      { ...env, ZENDESK_API_TOKEN: TOKEN },
    );
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('--url: must be https://');
    const github = await cliAsync(['connect', 'github', '--tenant', 'initech', '--repo', 'nope'], {
      ...env,
      GITHUB_TOKEN: 'x',
    });
    expect(github.code).toBe(2);
    expect(github.stderr).toContain('--repo: "nope" is not OWNER/NAME');
    const noFile = await cliAsync(
      ['connect', 'github', '--tenant', 'initech', '--repo', 'a/b', '--token-file', '/nonexistent'],
      env,
    );
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('cannot read the token file /nonexistent: no such file');
    const status = await cliAsync(['connect', 'status', '--tenant', 'initech'], env);
    expect(status.stdout).toBe('no helpdesk connected for tenant initech\n');
  });

  it('disconnects, and says when there is nothing to disconnect', async () => {
    const removed = await cliAsync(['connect', 'remove', 'zendesk', '--tenant', 'acme'], env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('disconnected zendesk for tenant acme');
    const status = await cliAsync(['connect', 'status', '--tenant', 'acme'], env);
    expect(status.stdout).toBe('no helpdesk connected for tenant acme\n');
    const twice = await cliAsync(['connect', 'remove', 'zendesk', '--tenant', 'acme'], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('tenant acme has no zendesk connection');
  });
});

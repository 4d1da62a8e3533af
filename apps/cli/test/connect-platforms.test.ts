// `breachless connect github|jira` against the loopback GitHub and Jira of @breachless/sync
// (their REST APIs as documented: see src/github/fake.ts and src/jira/fake.ts there): the
// backfill runs here with its progress, the token (from a file for GitHub, from the
// environment for Jira) is never printed, and status shows each connection caught up.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suiteDatabase } from '@breachless/db/testing';
import { FakeGitHub, FakeJira, fakeGitHubHistory, fakeJiraHistory } from '@breachless/sync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync } from './harness.js';

// The harness's "real now"; the fakes show what happened up to it.
const NOW = Date.parse('2026-11-25T18:00:00Z');
const START = Date.UTC(2026, 10, 20, 8);
const dir = mkdtempSync(join(tmpdir(), 'breachless-connect-platforms-'));
const tokenFile = join(dir, 'github-token');
writeFileSync(tokenFile, 'ghp-secret-token\n');

const base = process.env.TEST_DATABASE_URL;
// PostgreSQL's database is the test process's shared one, migrated once and emptied for each
// suite: one of the file's own cost creating, migrating and dropping it (1 to 3 s of the server).
const scratch = base ? await suiteDatabase('postgres') : undefined;
const env: Record<string, string> = scratch
  ? { DATABASE_URL: scratch.url as string }
  : { BREACHLESS_DATA_DIR: join(dir, 'data') };

const github = new FakeGitHub({ clock: () => NOW, perHour: null, token: 'ghp-secret-token' });
const jira = new FakeJira({
  clock: () => NOW,
  perMinute: null,
  token: 'jira-secret-token',
  pageSize: 4,
});
beforeAll(async () => {
  github.add(...fakeGitHubHistory({ issues: 5, start: START / 1000 }));
  jira.add(...fakeJiraHistory({ issues: 9, start: START }));
  await Promise.all([github.start(), jira.start()]);
  expect((await cliAsync(['migrate'], env)).code).toBe(0);
});
afterAll(async () => {
  await Promise.all([github.close(), jira.close()]);
  await scratch?.release();
});

describe('breachless connect github and jira', () => {
  it('backfills GitHub issues with a token from a file, never printing it', async () => {
    const args = ['connect', 'github', '--tenant', 'acme', '--repo', 'acme/support'];
    const ran = await cliAsync([...args, '--url', github.url, '--token-file', tokenFile], env);
    expect(ran.stderr).toMatch(/^github backfill: 1 pages, 5 records read, \d+ events stored/m);
    expect(ran.stdout).toContain('github backfill done');
    expect(ran.code).toBe(0);
    expect(`${ran.stdout}${ran.stderr}`).not.toContain('ghp-secret-token');
    const again = await cliAsync([...args, '--url', github.url, '--token-file', tokenFile], env);
    expect(again.stderr).toMatch(/5 records read, 0 events stored, \d+ already stored/);
  });

  it('backfills Jira requests page by page with a token from the environment', async () => {
    const ran = await cliAsync(
      [
        'connect',
        'jira',
        '--tenant',
        'acme',
        '--url',
        jira.url,
        '--email',
        'agent@example.com',
        '--jql',
        'project = SUP',
      ],
      { ...env, JIRA_API_TOKEN: 'jira-secret-token' },
    );
    expect(ran.code).toBe(0);
    expect(ran.stderr).toMatch(/^jira backfill: 3 pages, 9 records read, \d+ events stored/m);
    expect(`${ran.stdout}${ran.stderr}`).not.toContain('jira-secret-token');
    const status = await cliAsync(['connect', 'status', '--tenant', 'acme'], env);
    expect(status.stdout).toMatch(/^acme\/github ok: last sync /m);
    expect(status.stdout).toMatch(/^acme\/jira ok: last sync /m);
  });
});

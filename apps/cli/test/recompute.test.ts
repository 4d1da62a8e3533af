import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfigDocument } from '@breachless/core';
import { suiteDatabase } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, EXAMPLES, keepOpen, scratch, withDatabase } from './harness.js';

const EVENTS = `${EXAMPLES}events.ndjson`;
const CONFIG = `${EXAMPLES}breachless.config.yaml`;
const write = scratch();
const BAD = write(
  'bad.yaml',
  'policies:\n  - id: p\n    calendar: nowhere\n    targets: { first_response: { "*": soon } }\n',
);
const PERIOD = ['--from', '2026-11-23', '--to', '2026-11-24', '--by', 'day,team'];
const json = ['--tz', 'America/New_York', '--format', 'json'];

const drivers = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

describe.each(drivers)('a config saved after an import [%s]', (driver) => {
  let env: Record<string, string>;
  let release: (() => Promise<void>) | undefined;
  // Some twenty commands on one embedded directory: PGlite starts once for them all.
  const dataDir = join(mkdtempSync(join(tmpdir(), 'recompute-')), 'db');
  if (driver === 'pglite') keepOpen(dataDir);
  beforeAll(async () => {
    if (driver === 'postgres') {
      // The test process's shared database, migrated once and emptied for each suite.
      const db = await suiteDatabase('postgres');
      env = { DATABASE_URL: db.url as string };
      release = db.release;
    } else env = { BREACHLESS_DATA_DIR: dataDir };
    expect((await cliAsync(['migrate'], env)).code).toBe(0);
  });
  afterAll(() => release?.());

  const report = async (tenant: string) => {
    const ran = await cliAsync(['report', '--tenant', tenant, ...PERIOD, ...json], env);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(ran.stdout).rows as unknown[];
  };
  const fromFiles = async () =>
    JSON.parse(
      (await cliAsync(['report', '--config', CONFIG, '--events', EVENTS, ...PERIOD, ...json], env))
        .stdout,
    ).rows as unknown[];

  it('an import into a tenant with no config says so, with the command that fixes it', async () => {
    const ran = await cliAsync(['import', EVENTS, '--format', 'ndjson', '--tenant', 'late'], env);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('WARNING: tenant late has no config');
    expect(ran.stderr).toContain('npx breachless config set --tenant late FILE');
    expect(ran.stdout).toMatch(/\n {2}tickets \d+: no cycle computed, the tenant has no config\n/);
    expect(await report('late')).toEqual([]);
    const recompute = await cliAsync(['recompute', '--tenant', 'late'], env);
    expect(recompute.code).toBe(2);
    expect(recompute.stderr).toContain('tenant late has no config');
  });

  it('config set refuses a bad file with every problem by path, and saves nothing', async () => {
    const ran = await cliAsync(['config', 'set', '--tenant', 'late', BAD], env);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/policies\[0\]\.calendar/);
    expect(ran.stderr).toMatch(/policies\[0\]\.targets\.first_response/);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
    const get = await cliAsync(['config', 'get', '--tenant', 'late'], env);
    expect(get.code).toBe(2);
    expect(get.stderr).toContain('tenant late has no config');
  });

  it('config set saves, then recomputes the stored history, closed tickets included', async () => {
    const ran = await cliAsync(['config', 'set', '--tenant', 'late', CONFIG], env);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^config version 1 saved\n/);
    const cycles = Number(/cycles (\d+), quarantined 0/.exec(ran.stdout)?.[1]);
    expect(cycles).toBeGreaterThan(0);
    expect(ran.stderr).toContain('100%');
    const rows = await report('late');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(await fromFiles());
    const get = await cliAsync(['config', 'get', '--tenant', 'late'], env);
    expect(JSON.parse(get.stdout)).toEqual(readConfigDocument(readFileSync(CONFIG, 'utf8')));
    // Again: the same figures, every ticket recomputed.
    const again = await cliAsync(['recompute', '--tenant', 'late', '--batch', '2'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`cycles ${cycles}, quarantined 0`);
    expect(await report('late')).toEqual(rows);
  });

  it('an import again with --config recomputes the events stored before it', async () => {
    const args = ['import', EVENTS, '--format', 'ndjson', '--tenant', 'twice'];
    expect((await cliAsync(args, env)).stderr).toContain('WARNING');
    const ran = await cliAsync([...args, '--config', CONFIG], env);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).not.toContain('WARNING');
    expect(ran.stdout).toMatch(/events: 0 new, \d+ duplicates/);
    expect(ran.stdout).toContain('recomputed tenant twice');
    expect(await report('twice')).toEqual(await fromFiles());
    // The same config once more is no change: nothing to recompute.
    const same = await cliAsync([...args, '--config', CONFIG], env);
    expect(same.stdout).not.toContain('recomputed tenant');
  });

  it('a stored config this version refuses: recompute says so, get shows it, set mends it', async () => {
    // Saved by an earlier version, before targets were bounded to a year.
    const old = {
      policies: [{ id: 'p', calendar: '24x7', targets: { resolution: { '*': '400d' } } }],
    };
    await withDatabase(env, async (handle) => {
      await handle.db.execute(sql`
        insert into configs (tenant_id, version, body, changed_by)
        values ('twice', 2, ${JSON.stringify(old)}::jsonb, 'earlier version')`);
    });
    const before = await report('twice');
    const refused = await cliAsync(['recompute', '--tenant', 'twice'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'the stored config of tenant twice is refused by this version',
    );
    expect(refused.stderr).toContain('npx breachless config set --tenant twice FILE');
    expect(await report('twice')).toEqual(before);
    const get = await cliAsync(['config', 'get', '--tenant', 'twice'], env);
    expect(JSON.parse(get.stdout)).toEqual(old);
    const mended = await cliAsync(['config', 'set', '--tenant', 'twice', CONFIG], env);
    expect(mended.code, mended.stderr).toBe(0);
    expect(mended.stdout).toMatch(/^config version 3 saved\n/);
    expect(mended.stdout).toContain('quarantined 0');
  });
});

it('config and recompute answer --help with their usage, and a malformed line with exit 2', async () => {
  for (const command of [['config'], ['config', 'set'], ['config', 'get'], ['recompute']]) {
    const ran = await cliAsync([...command, '--help']);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(ran.stdout).toContain(`Usage: breachless ${command[0]}`);
  }
  for (const argv of [
    ['config', 'put', '--tenant', 'x'],
    ['config', 'set', '--tenant', 'x'],
    ['config', 'get', '--tenant', 'x', 'extra'],
    ['config', 'set', CONFIG],
    ['recompute'],
    ['recompute', '--tenant', 'x', '--batch', '0'],
  ]) {
    const ran = await cliAsync(argv);
    expect(ran.code, argv.join(' ')).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^breachless: (unknown config command|missing|unexpected|--batch)/);
  }
});

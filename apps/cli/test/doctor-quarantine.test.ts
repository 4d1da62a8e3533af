import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEvents } from '@breachless/core';
import { EngineCache, ingestEvents, saveConfig } from '@breachless/db';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { cliAsync, keepOpen, withDatabase } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'breachless-doctor-'));
const env = { BREACHLESS_DATA_DIR: join(dir, 'data') };
const NOW = Date.parse('2026-11-25T17:00:00Z');
const CONFIG = {
  policies: [
    {
      ...{ id: 'p', calendar: '24x7', targets: { resolution: { '*': '8h' } } },
      pause: { resolution: [] },
    },
  ],
};

// The doctor and the service work beside it below share one start of PGlite.
keepOpen(env.BREACHLESS_DATA_DIR);

it('lists quarantined tickets with their error, and --retry releases them once mended', async () => {
  expect((await cliAsync(['migrate'], env)).code).toBe(0);
  await withDatabase(env, async ({ db }) => {
    await saveConfig(db, 'acme', CONFIG, 'test');
    // Stored by an earlier version: created in 1950, beyond int4's seconds on 24x7.
    const old = {
      id: 'old',
      ticket: 'BAD',
      type: 'ticket.created',
      at: '1950-01-02T15:00:00.000Z',
    };
    await db.execute(sql`
      insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
      values ('acme', 'old', 'BAD', 'ticket.created', ${old.at}::timestamptz,
        ${JSON.stringify({ ...old, fields: { status: 'new' } })}::jsonb)`);
    const touch = parseEvents([
      {
        id: 'u',
        ticket: 'BAD',
        type: 'ticket.updated',
        at: new Date(NOW).toISOString(),
        fields: {},
      },
    ]);
    const engine = await new EngineCache().engineFor(db, 'acme');
    const result = await ingestEvents(db, 'acme', touch, engine, NOW);
    expect(result.quarantined.map((q) => q.ticket)).toEqual(['BAD']);
  });

  const listed = await cliAsync(['doctor'], env);
  expect(listed.stdout).toContain(
    'WARN  quarantine: tickets whose recompute failed get no alerts:',
  );
  expect(listed.stdout).toMatch(/acme\/BAD: .*out of range.* \[22003\]; since .*, 1 attempt\n/);
  expect(listed.stdout).toContain('breachless doctor --retry <tenant>');

  const still = await cliAsync(['doctor', '--retry', 'acme'], env);
  expect(still.stdout).toContain(
    'retried 1 quarantined tickets of acme: 0 released, 1 still quarantined',
  );
  expect(still.stdout).toMatch(/acme\/BAD: .*, 2 attempts\n/);

  await withDatabase(env, async ({ db }) => {
    await db.execute(sql`delete from ticket_events where tenant_id = 'acme' and id = 'old'`);
  });
  const released = await cliAsync(['doctor', '--retry', 'acme'], env);
  expect(released.stdout).toContain(
    'retried 1 quarantined tickets of acme: 1 released, 0 still quarantined',
  );
  expect(released.stdout).toContain('ok    quarantine: no ticket is quarantined');
  expect(released.stdout).toContain(
    "ok    stored configs: every tenant's current config validates (1 tenants)",
  );
});

it('names the tenants whose stored config this version refuses', async () => {
  await withDatabase(env, async ({ db }) => {
    // Saved by an earlier version, before targets were bounded to a year.
    const old = {
      policies: [{ id: 'p', calendar: '24x7', targets: { resolution: { '*': '400d' } } }],
    };
    await db.execute(sql`
      insert into configs (tenant_id, version, body, changed_by)
      values ('legacy', 1, ${JSON.stringify(old)}::jsonb, 'earlier version')`);
  });
  const { code, stdout } = await cliAsync(['doctor'], env);
  expect(code).toBe(1);
  expect(stdout).toContain(
    'FAIL  stored configs: 1 of 2 tenants have a config this version refuses:',
  );
  expect(stdout).toMatch(
    / {8}legacy \(version 1\): policies\[0\]\.targets\.resolution\.\*: .*365d/,
  );
  expect(stdout).toContain("fix: PUT a corrected config to each tenant's /v1/config");
});

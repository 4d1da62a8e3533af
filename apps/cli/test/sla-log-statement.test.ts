import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answeredTicket, CONTRACT_CONFIG, suiteDatabase } from '@breachless/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from './harness.js';

const file = scratch();
// CONTRACT_CONFIG: the policy's 1h; globex's contract 30m, goal 90%, 10% of its 1,000.00 EUR
// fee owed under it.
const config = file('config.json', JSON.stringify(CONTRACT_CONFIG));
const events = file(
  'events.ndjson',
  [
    ...answeredTicket('A', '2026-11-02T10:00:00Z', 'globex', 20, { team: 'billing' }),
    ...answeredTicket('B', '2026-11-02T12:00:00Z', 'initech', null, { team: 'billing' }),
    ...answeredTicket('C', '2026-11-04T12:00:00Z', 'globex', null, { team: 'billing' }),
  ]
    .map((e) => JSON.stringify(e))
    .join('\n'),
);

// One driver: PostgreSQL when the run has one (each command then connects instead of opening
// PGlite's directory), else the embedded database; the query itself is tested on both in db.
const drivers = [process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'];

describe.each(drivers)('breachless sla-log and statement [%s]', (driver) => {
  let env: Record<string, string>;
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (driver === 'postgres') {
      // The test process's shared database, migrated once and emptied for each suite.
      const db = await suiteDatabase('postgres');
      env = { DATABASE_URL: db.url as string };
      release = db.release;
    } else env = { BREACHLESS_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'sla-log-')), 'db') };
    expect((await cli(['migrate'], env)).code).toBe(0);
    expect((await cli(['config', 'set', '--tenant', 't', config], env)).code).toBe(0);
    const imported = await cli(['import', events, '--format', 'ndjson', '--tenant', 't'], env);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(() => release?.());

  it('writes every cycle of the tenant as CSV by default, and JSON filtered by organization', async () => {
    const csv = await cli(['sla-log', '--tenant', 't'], env);
    expect(csv).toMatchObject({ code: 0, stderr: '' });
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'ticket,organization,requester,team,agent,priority,policy,contract,metric,cycle,target_s,started_at,due_at,stopped_at,breached_at,outcome,overdue_s,remaining_s',
    );
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 2))).toEqual([
      ['A', 'globex'],
      ['B', 'initech'],
      ['C', 'globex'],
    ]);
    const period = await cli(
      ['sla-log', '--tenant', 't', '--from', '2026-11-02', '--to', '2026-11-03'],
      env,
    );
    expect(
      period.stdout
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['A', 'B']);
    const only = ['--organization', 'globex', '--format', 'json', '--to', '2026-11-03'];
    const json = await cli(['sla-log', '--tenant', 't', ...only], env);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        ticket: 'A',
        organization: 'globex',
        outcome: 'achieved',
        startedAt: '2026-11-02T10:00:00Z',
        stoppedAt: '2026-11-02T10:20:00Z',
        contract: 'globex-gold',
        remainingSeconds: 600,
      }),
    ]);
  });

  it('writes the month’s contract statement with the credit owed, as CSV or JSON', async () => {
    const month = ['statement', '--tenant', 't', '--month', '2026-11'];
    const json = await cli([...month, '--format', 'json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      statements: [
        {
          organization: 'globex',
          metrics: [{ achieved: 1, breached: 1, compliancePct: 50, met: false }],
          total: '100.00',
        },
      ],
    });
    const csv = await cli(month, env);
    expect(csv.stdout.split('\r\n').filter((l) => l.startsWith('globex,'))).toHaveLength(3);
    const unknown = await cli([...month, '--contract', 'platinum'], env);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('--contract: no contract "platinum"');
  });

  it('reports by organization and contract with the figures of the SLA log', async () => {
    const by = ['--from', '2026-11-01', '--to', '2026-11-30', '--by', 'organization,contract'];
    const ran = await cli(['report', '--tenant', 't', ...by, '--format', 'json'], env);
    expect(ran.code, ran.stderr).toBe(0);
    const rows = JSON.parse(ran.stdout).rows as Record<string, unknown>[];
    expect(rows.map((r) => [r.organization, r.contract, r.achieved, r.breached])).toEqual([
      ['globex', 'globex-gold', 1, 1],
      ['initech', null, 0, 1],
    ]);
  });

  it('reports first contact resolution of the stored tickets as of the files, by organization', async () => {
    // A and B solved after one reply; C after two: 2 of the 3 at first contact.
    const solved = (id: string, at: string) => ({
      id: `${id}-s`,
      ticket: id,
      type: 'ticket.updated',
      at,
      fields: { status: 'solved' },
    });
    const second = { id: 'C-r2', ticket: 'C', type: 'message', at: '2026-11-04T12:40:00Z' };
    const solvedEvents = file(
      'solved.ndjson',
      [
        ...answeredTicket('A', '2026-11-02T10:00:00Z', 'globex', 20),
        solved('A', '2026-11-02T11:00:00Z'),
        ...answeredTicket('B', '2026-11-02T12:00:00Z', 'initech', 10),
        solved('B', '2026-11-02T13:00:00Z'),
        ...answeredTicket('C', '2026-11-04T12:00:00Z', 'globex', 5),
        { ...second, author: 'agent', public: true },
        solved('C', '2026-11-04T13:00:00Z'),
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    expect((await cli(['config', 'set', '--tenant', 'fcr', config], env)).code).toBe(0);
    const imported = await cli(
      ['import', solvedEvents, '--format', 'ndjson', '--tenant', 'fcr'],
      env,
    );
    expect(imported.code, imported.stderr).toBe(0);
    const period = ['--from', '2026-11-01', '--to', '2026-11-30', '--first-contact'];
    const json = ['--by', 'organization', '--format', 'json'];
    const stored = await cli(['report', '--tenant', 'fcr', ...period, ...json], env);
    expect(stored.code, stored.stderr).toBe(0);
    expect(JSON.parse(stored.stdout)).toEqual({
      rows: [
        { organization: 'globex', resolved: 2, firstContact: 1, fcrPct: 50 },
        { organization: 'initech', resolved: 1, firstContact: 1, fcrPct: 100 },
      ],
    });
    const files = ['--config', config, '--events', solvedEvents, '--at', '2026-11-25T00:00:00Z'];
    expect((await cli(['report', ...files, ...period, ...json], env)).stdout).toBe(stored.stdout);
    const csv = await cli(['report', '--tenant', 'fcr', ...period, '--format', 'csv'], env);
    expect(csv.stdout).toBe('resolved,first_contact,fcr_pct\r\n3,2,66.67\r\n');
    const table = await cli(['report', '--tenant', 'fcr', ...period, '--by', 'organization'], env);
    expect(table.stdout).toMatch(/globex\s+2\s+1\s+50\.00%/);
    const byMetric = await cli(['report', '--tenant', 'fcr', ...period, '--by', 'metric'], env);
    expect(byMetric).toMatchObject({ code: 2, stdout: '' });
    expect(byMetric.stderr).toContain('cannot group first contacts by "metric"');
  });

  it('refuses a missing tenant, a bad format and a reversed period before opening the database', async () => {
    const missing = await cli(['sla-log'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --tenant');
    const format = await cli(['sla-log', '--tenant', 't', '--format', 'xml'], env);
    expect(format.stderr).toContain('--format: "xml" is not csv or json');
    const reversed = await cli(
      ['sla-log', '--tenant', 't', '--from', '2026-11-03', '--to', '2026-11-02'],
      env,
    );
    expect(reversed).toMatchObject({ code: 2, stdout: '' });
  });
});

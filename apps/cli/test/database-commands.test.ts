import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAsync, EXAMPLES, keepOpen } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'breachless-db-'));
const env = { BREACHLESS_DATA_DIR: join(dir, 'data') };
// Some twenty commands on one embedded directory: PGlite starts once for them all.
keepOpen(env.BREACHLESS_DATA_DIR);

describe('database commands on the embedded PGlite', () => {
  it('migrate applies the migrations and is safe to run twice', async () => {
    const first = await cliAsync(['migrate'], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(
      `migrations applied: embedded PGlite in ${env.BREACHLESS_DATA_DIR}`,
    );
    expect((await cliAsync(['migrate'], env)).code).toBe(0);
  });

  it('import streams the examples with a summary, and a second run only finds duplicates', async () => {
    const args = [
      'import',
      `${EXAMPLES}events.ndjson`,
      '--format',
      'ndjson',
      '--config',
      `${EXAMPLES}breachless.config.yaml`,
      '--batch',
      '7',
    ];
    const first = await cliAsync(args, env);
    expect(first.code).toBe(0);
    const lines = first.stdout.split('\n');
    const mapped = /mapped to (\d+) events/.exec(lines[1] ?? '')?.[1];
    expect(Number(mapped)).toBeGreaterThan(0);
    expect(lines[2]).toBe(`  events: ${mapped} new, 0 duplicates (already known), 0 rejected`);
    expect(first.stderr).toContain('100%');
    const again = await cliAsync(args, env);
    expect(again.stdout.split('\n')[2]).toBe(
      `  events: 0 new, ${mapped} duplicates (already known), 0 rejected`,
    );
  });

  it('report --tenant gives from the database what report gives from the files', async () => {
    const period = [
      '--from',
      '2026-11-23',
      '--to',
      '2026-11-24',
      '--by',
      'day,team',
      '--tz',
      'America/New_York',
      '--format',
      'json',
    ];
    const stored = await cliAsync(['report', '--tenant', 'default', ...period], env);
    expect(stored).toMatchObject({ code: 0, stderr: '' });
    const files = await cliAsync(
      [
        'report',
        '--config',
        `${EXAMPLES}breachless.config.yaml`,
        '--events',
        `${EXAMPLES}events.ndjson`,
        ...period,
      ],
      env,
    );
    expect(JSON.parse(stored.stdout).rows.length).toBeGreaterThan(0);
    expect(JSON.parse(stored.stdout)).toEqual(JSON.parse(files.stdout));
    const mixed = await cliAsync(
      ['report', '--tenant', 'default', '--events', 'x.ndjson', ...period],
      env,
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--tenant reads the database: leave out --config and --events');
  });

  it('keeps going past bad lines and lists them with their reasons (exit 2)', async () => {
    const file = join(dir, 'mixed.ndjson');
    writeFileSync(
      file,
      '{"id":"x1","ticket":"X","type":"ticket.created","at":"2026-11-23T10:00:00Z","fields":{}}\nnot json\n{"id":"x2","ticket":"X","type":"message","at":"2026-11-23T10:05:00","author":"agent","public":true}\n',
    );
    const ran = await cliAsync(['import', file, '--format', 'ndjson', '--tenant', 'mixed'], env);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain('records read 3, mapped to 1 events');
    expect(ran.stdout).toContain('events: 1 new, 0 duplicates (already known), 2 rejected');
    expect(ran.stdout).toContain('rejected line 2: (line): not valid JSON');
    expect(ran.stdout).toContain(
      'rejected line 3: at: "2026-11-23T10:05:00" is not an ISO-8601 instant with an offset or Z',
    );
  });

  it('refuses formats it cannot read, with usage', async () => {
    const ran = await cliAsync(['import', `${EXAMPLES}events.ndjson`, '--format', 'csv'], env);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--format: "csv" is not supported here');
    const missing = await cliAsync(
      ['import', join(dir, 'nope.csv'), '--format', 'servicenow-csv'],
      env,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it('imports a ServiceNow log without reading the future, and names a header lacking columns', async () => {
    const header =
      'number,incident_state,sys_mod_count,sys_updated_at,opened_at,priority,assignment_group,assigned_to,contact_type,category,caller_id';
    const file = join(dir, 'incidents.csv');
    writeFileSync(
      file,
      [
        header,
        'INC9,New,0,23/11/2026 09:00,23/11/2026 09:00,2 - High,Billing,?,Email,Cat 1,Caller 1',
        'INC9,Active,1,23/11/2026 09:20,23/11/2026 09:00,2 - High,Billing,Ana,Email,Cat 1,Caller 1',
        'INC9,-100,2,23/11/2026 09:30,23/11/2026 09:00,2 - High,Billing,Ana,Email,Cat 1,Caller 1',
      ].join('\n'),
    );
    const args = [
      'import',
      file,
      '--format',
      'servicenow-csv',
      '--tenant',
      'snow',
      '--tz',
      'Europe/Lisbon',
    ];
    const ran = await cliAsync(args, env);
    expect(ran).toMatchObject({ code: 0 });
    expect(ran.stdout).toContain('records read 3, mapped to 3 events');
    expect(ran.stdout).toContain('events: 3 new, 0 duplicates (already known), 0 rejected');
    expect(ran.stdout).toContain('skipped 1: incident_state -100 (junk row)');
    expect(ran.stdout).toContain(
      'note: ServiceNow dates were read as wall-clock times in Europe/Lisbon',
    );
    expect((await cliAsync(args, env)).stdout).toContain('events: 0 new, 3 duplicates');
    writeFileSync(file, 'number,incident_state\nINC1,New\n');
    const bad = await cliAsync(
      ['import', file, '--format', 'servicenow-csv', '--tenant', 'snow'],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('sys_updated_at: column is missing');
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('token create', () => {
  it('prints a new token once for the tenant, and refuses without one', async () => {
    const ran = await cliAsync(['token', 'create', '--tenant', 'acme'], env);
    expect(ran.code).toBe(0);
    expect(ran.stdout.trim()).toMatch(/^bl_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const again = await cliAsync(['token', 'create', '--tenant', 'acme'], env);
    expect(again.stdout).not.toBe(ran.stdout);
    expect((await cliAsync(['token', 'create'], env)).stderr).toContain('missing --tenant');
  });
});

describe('webhook-secret', () => {
  it('prints a generated secret once, stores a given one silently, and checks its flags', async () => {
    const made = await cliAsync(
      ['webhook-secret', 'add', '--tenant', 'acme', '--platform', 'github'],
      env,
    );
    expect(made.code).toBe(0);
    expect(made.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const given = [
      'webhook-secret',
      'add',
      '--tenant',
      'acme',
      '--platform',
      'zendesk',
      '--secret',
      'zd-1',
    ];
    const stored = await cliAsync(given, env);
    expect(stored.stdout).toBe('stored the zendesk secret for tenant acme\n');
    const retire = [
      'webhook-secret',
      'retire',
      '--tenant',
      'acme',
      '--platform',
      'github',
      '--keep',
      'none',
    ];
    expect((await cliAsync(retire, env)).stdout).toBe(
      'removed 1 github secret(s) of tenant acme\n',
    );
    const bad = await cliAsync(
      ['webhook-secret', 'add', '--tenant', 'acme', '--platform', 'freshdesk'],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"freshdesk" is not one of zendesk, github, jira');
  });
});

describe('the /sla reports from the terminal', () => {
  it('stats gives the figures report --tenant gives, as the chat table', async () => {
    const at = ['--at', '2026-11-25T18:00:00Z', '--tz', 'America/New_York'];
    const stats = await cliAsync(['stats', '2026-11-23..2026-11-24', 'by:team', ...at], env);
    expect(stats).toMatchObject({ code: 0, stderr: '' });
    const report = await cliAsync(
      [
        'report',
        '--tenant',
        'default',
        '--from',
        '2026-11-23',
        '--to',
        '2026-11-24',
        '--by',
        'team',
        '--tz',
        'America/New_York',
        '--format',
        'json',
      ],
      env,
    );
    const rows = JSON.parse(report.stdout).rows as {
      team: string | null;
      metric: string;
      achieved: number;
      breached: number;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    const lines = stats.stdout.split('\n');
    expect(lines[0]).toBe('SLA compliance, 2026-11-23 to 2026-11-24');
    for (const r of rows)
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^${r.team ?? '\\(none\\)'} +${r.metric.replace('_', ' ')} +${r.achieved} +${r.breached} `,
          ),
        ),
      );
  });

  it('ticket explains a stored ticket; a malformed command answers with its usage (exit 2)', async () => {
    const ticket = await cliAsync(['ticket', 'SUP-102', '--at', '2026-11-25T18:00:00Z'], env);
    expect(ticket.code).toBe(0);
    expect(ticket.stdout).toMatch(/^Ticket SUP-102 \(policy \w+\)\n {2}first response #1: /);
    const bad = await cliAsync(['stats', 'fortnight'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"fortnight" is not understood here');
    expect(bad.stderr).toContain('breachless stats [today|yesterday|7d');
    const flag = await cliAsync(['at-risk', '--within', '2h'], env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--within'");
  });
});

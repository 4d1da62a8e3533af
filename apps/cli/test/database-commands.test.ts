import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAsync, EXAMPLES } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'breachless-db-'));
const env = { BREACHLESS_DATA_DIR: join(dir, 'data') };

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
    expect(lines[1]).toMatch(
      /events read (\d+): \1 new, 0 duplicates \(already known\), 0 rejected/,
    );
    expect(first.stderr).toContain('100%');
    const again = await cliAsync(args, env);
    expect(again.stdout.split('\n')[1]).toMatch(
      /events read (\d+): 0 new, \1 duplicates \(already known\), 0 rejected/,
    );
  });

  it('keeps going past bad lines and lists them with their reasons (exit 2)', async () => {
    const file = join(dir, 'mixed.ndjson');
    writeFileSync(
      file,
      '{"id":"x1","ticket":"X","type":"ticket.created","at":"2026-11-23T10:00:00Z","fields":{}}\nnot json\n{"id":"x2","ticket":"X","type":"message","at":"2026-11-23T10:05:00","author":"agent","public":true}\n',
    );
    const ran = await cliAsync(['import', file, '--format', 'ndjson', '--tenant', 'mixed'], env);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain('events read 3: 1 new, 0 duplicates (already known), 2 rejected');
    expect(ran.stdout).toContain('rejected line 2: (line): not valid JSON');
    expect(ran.stdout).toContain(
      'rejected line 3: at: "2026-11-23T10:05:00" is not an ISO-8601 instant with an offset or Z',
    );
  });

  it('refuses formats it cannot read, with usage', async () => {
    const ran = await cliAsync(['import', `${EXAMPLES}events.ndjson`, '--format', 'csv'], env);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--format: "csv" is not supported here');
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

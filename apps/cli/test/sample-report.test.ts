import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openImport } from '@breachless/connectors';
import {
  complianceReport,
  Engine,
  parseConfigText,
  reportRowJson,
  type TicketEvent,
} from '@breachless/core';
import { suiteDatabase } from '@breachless/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync, REPO } from './harness.js';

const SAMPLE = `${REPO}data/incident_event_log.csv.gz`;
const CONFIG = `calendars:
  - id: support
    timezone: UTC
    hours: { mon: [["08:00","18:00"]], tue: [["08:00","18:00"]], wed: [["08:00","18:00"]], thu: [["08:00","18:00"]], fri: [["08:00","18:00"]] }
policies:
  - id: critical
    when: { field: priority, eq: urgent }
    calendar: 24x7
    targets: { first_response: { "*": 1h }, resolution: { "*": 8h } }
  - id: standard
    calendar: support
    targets: { first_response: { high: 4h, "*": 8h }, resolution: { high: 2d, "*": 5d } }
`;

// The whole sample log (141,712 rows) through PostgreSQL takes about 20 s: it runs where a
// server is at hand (CI sets TEST_DATABASE_URL), not on the embedded database.
describe.runIf(process.env.TEST_DATABASE_URL)(
  'the sample ServiceNow log, database against memory',
  () => {
    let env: Record<string, string>;
    let release: () => Promise<void>;
    let tickets: ReturnType<Engine['evaluate']>;
    const now = Date.now();
    beforeAll(async () => {
      // The test process's shared database, migrated once and emptied for each suite.
      const scratch = await suiteDatabase('postgres');
      release = scratch.release;
      env = { DATABASE_URL: scratch.url as string };
      const config = join(mkdtempSync(join(tmpdir(), 'sample-report-')), 'breachless.config.yaml');
      writeFileSync(config, CONFIG);
      expect((await cliAsync(['migrate'], env)).code).toBe(0);
      const imported = await cliAsync(
        ['import', SAMPLE, '--format', 'servicenow-csv', '--tenant', 'snow', '--config', config],
        env,
      );
      expect(imported.code, imported.stdout + imported.stderr).toBe(0);
      const events: TicketEvent[] = [];
      for await (const item of openImport(SAMPLE, 'servicenow-csv'))
        if ('event' in item) events.push(item.event);
      // What the core computes from the events, once for the three groupings below.
      tickets = new Engine(parseConfigText(CONFIG)).evaluate(events, now);
    });
    afterAll(() => release?.());

    it.each([
      ['month,team', 'UTC'],
      ['priority,metric', 'UTC'],
      ['week,agent', 'Europe/Paris'],
    ])(
      'gives the same rows by %s (%s) from the stored cycles as the core computes from the events',
      async (by, zone) => {
        const from = Date.parse('2016-01-01T00:00:00Z');
        const to = Date.parse('2018-01-01T00:00:00Z');
        const expected = complianceReport(tickets, {
          from,
          to,
          by: by.split(',') as never,
          timezone: zone,
        }).map(reportRowJson);
        const args = [
          'report',
          '--tenant',
          'snow',
          '--from',
          '2016-01-01T00:00:00Z',
          '--to',
          '2018-01-01T00:00:00Z',
          '--by',
          by,
          '--tz',
          zone,
          '--format',
          'json',
        ];
        const stored = await cliAsync(args, env);
        expect(stored.code, stored.stderr).toBe(0);
        const rows = JSON.parse(stored.stdout).rows;
        expect(rows.length).toBeGreaterThan(3);
        expect(rows).toEqual(JSON.parse(JSON.stringify(expected)));
        // By month, the first run stored the closed months (report_periods): the second
        // reads them back, and must print the same bytes.
        const again = await cliAsync(args, env);
        expect(again.stdout).toBe(stored.stdout);
      },
    );
  },
);

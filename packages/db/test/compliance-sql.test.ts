import type { GroupKey, ReportOptions } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { coreComplianceRows, cycleComplianceRows } from '../src/reports/compliance-rows.js';
import { describeEachDriver } from '../src/testing.js';

const DAY = 86_400_000;
// Across the end of daylight saving time in New York (2 Nov 2025) and a month boundary.
const FROM = Date.parse('2025-10-20T00:00:00Z');
const TO = Date.parse('2025-11-20T00:00:00Z');

/**
 * 3,000 achieved and breached cycles (plus running and cancelled ones, which do not count)
 * spread over the month, some right at midnight in New York and in UTC, with teams that
 * are missing, empty or set, so groups of one, two and many values, ties and odd counts.
 */
async function seed(db: Parameters<typeof cycleComplianceRows>[0]) {
  await db.execute(sql`
    insert into cycles (tenant_id, ticket_id, metric, cycle, status, policy, target_seconds, elapsed_seconds,
      started_at, outcome_at, team, agent, priority, channel, evaluated_at)
    select 'acme', 'T-' || g, (array['first_response','next_response','periodic_update','resolution'])[1 + g % 4], 1,
      (array['achieved','achieved','breached','running','cancelled'])[1 + g % 5],
      case when g % 7 = 0 then null else (array['standard','vip'])[1 + g % 2] end,
      3600, (g * 7919) % 9000 + (g % 3),
      ${new Date(FROM).toISOString()}::timestamptz,
      case when g % 5 in (3, 4) then null
        when g % 11 = 0 then ${new Date(FROM).toISOString()}::timestamptz + (g % 31) * interval '1 day' + interval '4 hours'
        when g % 13 = 0 then ${new Date(FROM).toISOString()}::timestamptz + (g % 31) * interval '1 day'
        else ${new Date(FROM).toISOString()}::timestamptz + ((g * 104729) % 2678400) * interval '1 second' end,
      case when g % 6 = 0 then null when g % 6 = 1 then '' else 'team-' || (g % 4) end,
      'agent-' || (g % 9), (array['urgent','high','normal'])[1 + g % 3], null, now()
    from generate_series(1, 3000) g`);
}

const shapes: [string, GroupKey[]][] = [
  ['nothing', []],
  ['day and team', ['day', 'team']],
  ['team then day', ['team', 'day']],
  ['week, policy and metric first', ['metric', 'week', 'policy']],
  ['month and agent', ['month', 'agent']],
  ['day and month', ['day', 'month', 'priority', 'channel']],
];

describeEachDriver('compliance report in SQL', (handle) => {
  it('gives the bytes the core gives over the loaded cycles, for every shape and zone', async () => {
    const { db } = handle();
    await seed(db);
    let compared = 0;
    for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata'])
      for (const [, by] of shapes) {
        const options: ReportOptions = { from: FROM, to: TO, by, timezone: zone };
        const core = await coreComplianceRows(db, 'acme', options, {});
        const fast = await cycleComplianceRows(db, 'acme', options, {});
        expect(core.length).toBeGreaterThan(0);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(core));
        compared++;
      }
    // A filter and a period that cuts days: the same again.
    const cut: ReportOptions = { from: FROM + DAY / 3, to: TO - DAY / 2, by: ['day', 'team'] };
    const filter = { team: 'team-1', priority: 'high' };
    expect(JSON.stringify(await cycleComplianceRows(db, 'acme', cut, filter))).toBe(
      JSON.stringify(await coreComplianceRows(db, 'acme', cut, filter)),
    );
    expect(compared).toBe(18);
  });

  it('refuses what the core refuses, and counts nothing over an empty period', async () => {
    const { db } = handle();
    const bad = { from: FROM, to: TO, by: ['day'] as GroupKey[], timezone: 'Mars/Base' };
    await expect(cycleComplianceRows(db, 'acme', bad, {})).rejects.toThrow(RangeError);
    expect(
      await cycleComplianceRows(db, 'nobody', { from: FROM, to: TO, by: ['day'] }, {}),
    ).toEqual([]);
  });
});

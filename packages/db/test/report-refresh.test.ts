import { parseEvents, type ReportOptions } from '@breachless/core';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ingestEvents } from '../src/ingest/ingest.js';
import { complianceRows } from '../src/reports/compliance-rows.js';
import { refreshReportPeriods } from '../src/reports/refresh.js';
import { reportPeriods } from '../src/schema/index.js';
import type { Database } from '../src/storage/database.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { describeEachDriver } from '../src/testing.js';

const DAY = 86_400_000;
const MON = Date.parse('2026-11-16T00:00:00Z');
const NOW = MON + 5 * DAY + 12 * 3_600_000;
const MARKER = 'TEAM-MARKER-5c1f';
const BY_DAY: ReportOptions = { from: MON, to: MON + 5 * DAY, by: ['day', 'team'] };
const CONFIG = {
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
};

/** A ticket a day, answered after 30 or 90 minutes: each day has an outcome to count. */
async function seed(db: Database, tenant: string) {
  await saveConfig(db, tenant, CONFIG, 'test');
  const engine = await new EngineCache().engineFor(db, tenant);
  const events = Array.from({ length: 5 }, (_, d) => {
    const at = MON + d * DAY + 10 * 3_600_000;
    const ticket = `T-${d}`;
    return [
      { id: `${ticket}-c`, ticket, type: 'ticket.created', at: iso(at), fields: { team: 'ops' } },
      {
        ...{ id: `${ticket}-r`, ticket, type: 'message', author: 'agent', public: true },
        at: iso(at + (d % 2 ? 90 : 30) * 60_000),
      },
    ];
  }).flat();
  await ingestEvents(db, tenant, parseEvents(events), engine, NOW);
}
const iso = (at: number) => new Date(at).toISOString();

describeEachDriver('report refresh', (handle) => {
  it('a stored shape this version cannot read fails alone: other shapes and tenants are computed', async () => {
    const { db } = handle();
    for (const tenant of ['acme', 'globex']) await seed(db, tenant);
    // Each tenant asks for a report by day and team, which registers the shape.
    for (const tenant of ['acme', 'globex']) await complianceRows(db, tenant, BY_DAY, {}, NOW);
    await db.delete(reportPeriods);
    // Rows as an earlier version could have written them: a shape in another format (naming
    // a team), a unit it had, a zone since renamed.
    await db.execute(sql`delete from report_shapes`);
    await db.execute(sql`
      insert into report_shapes (tenant_id, zone, unit, shape, used_at) values
        ('acme', 'UTC', 'day', ${`team=${MARKER}`}, ${iso(NOW)}::timestamptz),
        ('acme', 'UTC', 'quarter', '[[],{}]', ${iso(NOW)}::timestamptz),
        ('acme', 'Mars/Olympus_Mons', 'day', '[[],{}]', ${iso(NOW)}::timestamptz),
        ('acme', 'UTC', 'day', ${`[[],{"colour":"${MARKER}"}]`}, ${iso(NOW)}::timestamptz),
        ('acme', 'UTC', 'day', '[["team"],{}]', ${iso(NOW)}::timestamptz),
        ('globex', 'UTC', 'day', '[["team"],{}]', ${iso(NOW)}::timestamptz)`);

    const result = await refreshReportPeriods(db, NOW, { periods: 1000 });
    const failures = result.failed.map((f) => `${f.tenant} ${f.unit} ${f.zone} ${f.error.message}`);
    expect(failures.sort()).toEqual([
      expect.stringMatching(/^acme day Mars\/Olympus_Mons .*zone/i),
      'acme day UTC stored report shape is not one this version reads',
      'acme day UTC stored report shape is not one this version reads',
      'acme quarter UTC stored report shape has an unknown period unit',
    ]);
    expect(JSON.stringify(result.failed)).not.toContain(MARKER);
    // The 35 days kept of each readable shape, one per tenant.
    expect(result.computed).toBe(70);
    const stored = await db.select().from(reportPeriods);
    for (const tenant of ['acme', 'globex']) {
      const own = stored.filter((p) => p.tenantId === tenant);
      expect(own).toHaveLength(35);
      expect(new Set(own.map((p) => p.shape))).toEqual(new Set(['[["team"],{}]']));
      // The stored days are what the cycles give.
      expect(await complianceRows(db, tenant, BY_DAY, {}, NOW)).toEqual(
        await complianceRows(db, tenant, BY_DAY),
      );
    }
    const monday = stored.find((p) => p.tenantId === 'globex' && p.periodStart.getTime() === MON);
    expect(monday?.rows).toEqual([
      expect.objectContaining({ group: { day: '2026-11-16', team: 'ops' }, achieved: 1 }),
    ]);
    // Nothing is left to compute but what cannot be read: the same failures, nothing else.
    const again = await refreshReportPeriods(db, NOW, { periods: 1000 });
    expect(again.computed).toBe(0);
    expect(again.failed).toHaveLength(4);
    expect(
      await db.select().from(reportPeriods).where(eq(reportPeriods.tenantId, 'acme')),
    ).toHaveLength(35);
  });
});

import { parseEvents, type ReportOptions } from '@breachless/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ingestEvents } from '../src/ingest/ingest.js';
import { complianceRows } from '../src/reports/compliance-rows.js';
import { sqlComplianceRows } from '../src/reports/compliance-sql.js';
import { fillPeriods } from '../src/reports/period-fill.js';
import { planPeriods } from '../src/reports/period-plan.js';
import { refreshReportPeriods } from '../src/reports/refresh.js';
import { cycles, reportPeriods } from '../src/schema/index.js';
import { openDatabase } from '../src/storage/client.js';
import type { Database } from '../src/storage/database.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { describeEachDriver, suiteDatabase } from '../src/testing.js';

const DAY = 86_400_000;
const MON = Date.parse('2026-11-16T00:00:00Z');
// Saturday 21 Nov, noon: Monday to Friday are closed days, Saturday is open.
const NOW = MON + 5 * DAY + 12 * 3_600_000;
const CONFIG = {
  policies: [
    {
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': '1h' }, resolution: { '*': '4h' } },
    },
  ],
};
const BY_DAY: ReportOptions = {
  from: MON,
  to: MON + 7 * DAY,
  by: ['day', 'team'],
  timezone: 'UTC',
};

/** Tickets every three hours of the week, answered after 10 to 110 minutes, some resolved. */
function week() {
  const events: object[] = [];
  for (let i = 0; i < 44; i++) {
    const at = MON + i * 3 * 3_600_000;
    const ticket = `T-${i}`;
    const team = ['billing', 'platform', null][i % 3];
    events.push({
      id: `${ticket}-c`,
      ticket,
      type: 'ticket.created',
      at: iso(at),
      fields: { status: 'new', team },
    });
    events.push({
      id: `${ticket}-r`,
      ticket,
      type: 'message',
      at: iso(at + (10 + (i % 11) * 10) * 60_000),
      author: 'agent',
      public: true,
    });
    if (i % 2 === 0)
      events.push({
        id: `${ticket}-s`,
        ticket,
        type: 'ticket.updated',
        at: iso(at + (2 + (i % 4)) * 3_600_000),
        fields: { status: 'solved' },
      });
  }
  return events.filter((e) => Date.parse((e as { at: string }).at) <= NOW);
}
const iso = (at: number) => new Date(at).toISOString();

async function storedPeriods(db: Database, tenant: string) {
  const rows = await db
    .select({ start: reportPeriods.periodStart, shape: reportPeriods.shape })
    .from(reportPeriods)
    .where(eq(reportPeriods.tenantId, tenant))
    .orderBy(reportPeriods.periodStart);
  return rows.map((r) => [r.start.toISOString().slice(0, 10), r.shape]);
}

describeEachDriver('report periods', (handle) => {
  const setup = async (tenant: string) => {
    const { db } = handle();
    await saveConfig(db, tenant, CONFIG, 'test');
    const engine = await new EngineCache().engineFor(db, tenant);
    await ingestEvents(db, tenant, parseEvents(week()), engine, NOW);
    return { db, engine };
  };

  it('stores closed days, computes the open one, and gives the rows the cycles give', async () => {
    const { db } = await setup('acme');
    const raw = await complianceRows(db, 'acme', BY_DAY);
    expect(raw.length).toBeGreaterThan(10);
    expect(await complianceRows(db, 'acme', BY_DAY, {}, NOW)).toEqual(raw);
    const shape = '[["team"],{}]';
    expect(await storedPeriods(db, 'acme')).toEqual(
      ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map((d) => [d, shape]),
    );
    // Read back from the stored days: the same rows, keys in the order asked for.
    const again = await complianceRows(db, 'acme', { ...BY_DAY, by: ['team', 'day'] }, {}, NOW);
    expect(again).toEqual(await complianceRows(db, 'acme', { ...BY_DAY, by: ['team', 'day'] }));
    expect(Object.keys(again[0]?.group ?? {})).toEqual(['team', 'day']);
    // A filter is a shape of its own; a period cut mid-day is computed from the cycles.
    const billing = await complianceRows(db, 'acme', BY_DAY, { team: 'billing' }, NOW);
    expect(billing).toEqual(await complianceRows(db, 'acme', BY_DAY, { team: 'billing' }));
    // Missing days on both sides of a stored one: computed together, the same rows.
    await db
      .delete(reportPeriods)
      .where(
        and(
          eq(reportPeriods.tenantId, 'acme'),
          eq(reportPeriods.shape, shape),
          inArray(reportPeriods.periodStart, [new Date(MON), new Date(MON + 2 * DAY)]),
        ),
      );
    expect(await complianceRows(db, 'acme', BY_DAY, {}, NOW)).toEqual(raw);
    const cut = { ...BY_DAY, from: MON + 3_600_000 };
    expect(await complianceRows(db, 'acme', cut, {}, NOW)).toEqual(
      await complianceRows(db, 'acme', cut),
    );
    expect((await storedPeriods(db, 'acme')).length).toBe(10);
  });

  it('drops a stored period when a late event changes an outcome in it, and recomputes it', async () => {
    const { db, engine } = await setup('globex');
    await complianceRows(db, 'globex', BY_DAY, {}, NOW);
    expect((await storedPeriods(db, 'globex')).length).toBe(5);
    // T-1 (Monday 03:00) is reopened and answered late: Monday's figures change.
    await ingestEvents(
      db,
      'globex',
      parseEvents([
        {
          id: 'late-1',
          ticket: 'T-1',
          type: 'ticket.updated',
          at: iso(MON + 4 * 3_600_000),
          fields: { status: 'solved' },
        },
        { id: 'late-2', ticket: 'T-2', type: 'ticket.deleted', at: iso(MON + 7 * 3_600_000) },
      ]),
      engine,
      NOW + 60_000,
    );
    const days = (await storedPeriods(db, 'globex')).map(([d]) => d);
    expect(days).not.toContain('2026-11-16');
    expect(days).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(await complianceRows(db, 'globex', BY_DAY, {}, NOW + 60_000)).toEqual(
      await complianceRows(db, 'globex', BY_DAY),
    );
    expect((await storedPeriods(db, 'globex')).length).toBe(5);
  });

  it('keeps the closed periods of the shapes asked for computed, a budget at a time', async () => {
    const { db } = await setup('hooli');
    // Two months on: only this tenant's shape was asked for in the last 30 days.
    const later = NOW + 60 * DAY;
    const billing = { team: 'billing' };
    await complianceRows(db, 'hooli', BY_DAY, billing, later);
    await db.delete(reportPeriods).where(eq(reportPeriods.tenantId, 'hooli'));
    expect((await refreshReportPeriods(db, later, { periods: 3 })).computed).toBe(3);
    expect((await storedPeriods(db, 'hooli')).map(([d]) => d)).toEqual([
      '2027-01-17',
      '2027-01-18',
      '2027-01-19',
    ]);
    // The 35 days up to yesterday, whether they hold cycles or not.
    expect(await refreshReportPeriods(db, later, { periods: 100 })).toEqual({
      computed: 32,
      failed: [],
    });
    expect((await refreshReportPeriods(db, later, { periods: 100 })).computed).toBe(0);
    const stored = await storedPeriods(db, 'hooli');
    expect(stored).toHaveLength(35);
    expect(stored.every(([, shape]) => shape === '[["team"],{"team":"billing"}]')).toBe(true);
    const recent = {
      ...BY_DAY,
      from: later - 20 * DAY - 12 * 3_600_000,
      to: later - 12 * 3_600_000,
    };
    expect(await complianceRows(db, 'hooli', recent, billing, later)).toEqual(
      await complianceRows(db, 'hooli', recent, billing),
    );
  });

  it('weeks and months in a zone: whole local periods only', async () => {
    const { db } = await setup('initech');
    const byWeek: ReportOptions = {
      from: Date.parse('2026-11-09T05:00:00Z'),
      to: Date.parse('2026-11-23T05:00:00Z'),
      by: ['week', 'metric'],
      timezone: 'America/New_York',
    };
    expect(planPeriods(byWeek, {})?.periods).toHaveLength(2);
    expect(await complianceRows(db, 'initech', byWeek, {}, NOW + 3 * DAY)).toEqual(
      await complianceRows(db, 'initech', byWeek),
    );
    const byMonth: ReportOptions = {
      from: Date.parse('2026-11-01T00:00:00Z'),
      to: Date.parse('2026-12-01T00:00:00Z'),
      by: ['month'],
    };
    expect(planPeriods(byMonth, {})?.periods).toEqual([{ start: byMonth.from, end: byMonth.to }]);
    expect(planPeriods({ ...byMonth, from: byMonth.from + DAY }, {})).toBeUndefined();
    expect(planPeriods({ ...byMonth, by: ['month', 'day'] }, {})).toBeUndefined();
  });
});

// Two connections: a change committed by another one while a period is computed.
describe.runIf(process.env.TEST_DATABASE_URL)('report periods under concurrent writes', () => {
  it('does not store a period whose cycles changed while it was computed, and stores the others', async () => {
    // The run's shared database, emptied: one made for the test cost its creation and drop.
    const shared = await suiteDatabase('postgres');
    const other = await openDatabase({ databaseUrl: shared.url });
    try {
      const { db } = shared.handle;
      await saveConfig(db, 'umbrella', CONFIG, 'test');
      const engine = await new EngineCache().engineFor(db, 'umbrella');
      await ingestEvents(db, 'umbrella', parseEvents(week()), engine, NOW);
      const plan = planPeriods(BY_DAY, {});
      const [monday, tuesday] = plan?.periods ?? [];
      if (!plan || !monday || !tuesday) throw new Error('no plan');
      let changed = false;
      // T-0's cycles (Monday) rewritten by another connection as they are the same, once.
      const fill = () =>
        fillPeriods(db, 'umbrella', plan, [monday, tuesday], BY_DAY, {}, async (d, o, w, p) => {
          const computed = await sqlComplianceRows(d, o, w, p);
          if (!changed) {
            changed = true;
            await other.db
              .update(cycles)
              .set({ elapsedSeconds: sql`${cycles.elapsedSeconds}` })
              .where(and(eq(cycles.tenantId, 'umbrella'), eq(cycles.ticketId, 'T-0')));
          }
          return computed;
        });
      const first = await fill();
      expect(first.get(monday.start)?.length).toBeGreaterThan(0);
      expect(first.get(tuesday.start)?.length).toBeGreaterThan(0);
      expect(await storedPeriods(db, 'umbrella')).toEqual([['2026-11-17', '[["team"],{}]']]);
      // Nothing changing this time: both stored, with the rows the cycles give.
      expect(await fill()).toEqual(first);
      expect(await storedPeriods(db, 'umbrella')).toEqual([
        ['2026-11-16', '[["team"],{}]'],
        ['2026-11-17', '[["team"],{}]'],
      ]);
    } finally {
      await other.close();
      await shared.release();
    }
  });

  it('computes reports on a read-only database (a read replica) without storing anything', async () => {
    const shared = await suiteDatabase('postgres');
    const writer = shared.handle;
    const name = new URL(shared.url as string).pathname.slice(1);
    try {
      await saveConfig(writer.db, 'replica', CONFIG, 'test');
      const engine = await new EngineCache().engineFor(writer.db, 'replica');
      await ingestEvents(writer.db, 'replica', parseEvents(week()), engine, NOW);
      await writer.db.execute(
        sql.raw(`alter database ${name} set default_transaction_read_only = on`),
      );
      const reader = await openDatabase({ databaseUrl: shared.url });
      const rows = await complianceRows(reader.db, 'replica', BY_DAY, {}, NOW);
      expect(rows).toEqual(await complianceRows(reader.db, 'replica', BY_DAY));
      expect(rows.length).toBeGreaterThan(0);
      await reader.close();
      expect(await storedPeriods(writer.db, 'replica')).toEqual([]);
    } finally {
      // Writable again for the suites after: the shared database is theirs next.
      await writer.db.transaction(async (tx) => {
        await tx.execute(sql`set transaction read write`);
        await tx.execute(sql.raw(`alter database ${name} reset default_transaction_read_only`));
      });
      await shared.release();
    }
  });
});

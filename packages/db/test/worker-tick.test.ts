import { parseEvents, type TicketEvent } from '@breachless/core';
import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ingestEvents } from '../src/ingest/ingest.js';
import { runTick } from '../src/scan/tick.js';
import { cycles, notifications } from '../src/schema/index.js';
import { openDatabase } from '../src/storage/client.js';
import type { DatabaseHandle } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { describeEachDriver } from '../src/testing.js';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const H = 3_600_000;
const CONFIG = {
  policies: [
    {
      id: 'all',
      calendar: '24x7',
      targets: { first_response: { '*': '1h' }, resolution: { '*': '8h' } },
      warnings: ['50%', '90%'],
    },
  ],
};
const TICKETS = 24;

function created(ticket: string, at = T0): TicketEvent {
  return parseEvents([
    {
      id: `${ticket}-c`,
      ticket,
      type: 'ticket.created',
      at: new Date(at).toISOString(),
      fields: { status: 'new', subject: `Help ${ticket}` },
    },
  ])[0] as TicketEvent;
}

/** Runs `workers` workers until each has drained what it found due; returns what they created in all. */
async function drain(handles: DatabaseHandle[], now: number): Promise<number> {
  const caches = handles.map(() => new EngineCache());
  const created = await Promise.all(
    handles.map(async (h, i) => {
      let total = 0;
      for (;;) {
        const tick = await runTick(h.db, caches[i] as EngineCache, now, 5);
        total += tick.created;
        if (tick.drained) return total;
      }
    }),
  );
  return created.reduce((a, b) => a + b, 0);
}

async function levels(h: DatabaseHandle) {
  const rows = await h.db.select().from(notifications).where(eq(notifications.tenantId, 'w'));
  return rows.map((r) => `${r.ticketId}/${r.metric}/${r.level}/${r.late}`).sort();
}

describeEachDriver('worker tick', (handle, url) => {
  it('four workers racing create every due level exactly once, late after downtime', async () => {
    const h = handle();
    await saveConfig(h.db, 'w', CONFIG, 'test');
    const engine = await new EngineCache().engineFor(h.db, 'w');
    for (let i = 0; i < TICKETS; i++) await ingestEvents(h.db, 'w', [created(`T${i}`)], engine, T0);
    const others = url()
      ? await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url() })))
      : [h, h, h];
    const workers = [h, ...others];

    // Down for two hours: first_response passed 50%, 90% and breach; resolution nothing yet.
    expect(await drain(workers, T0 + 2 * H)).toBe(TICKETS * 3);
    expect(await drain(workers, T0 + 2 * H)).toBe(0);
    // Later, resolution's levels come due too: each once.
    expect(await drain(workers, T0 + 9 * H)).toBe(TICKETS * 3);
    if (url()) await Promise.all(others.map((o) => o.close()));

    const all = await levels(h);
    expect(all).toHaveLength(TICKETS * 6);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((l) => l.startsWith('T7/'))).toEqual([
      'T7/first_response/50%/true',
      'T7/first_response/90%/true',
      'T7/first_response/breach/true',
      'T7/resolution/50%/true',
      'T7/resolution/90%/true',
      'T7/resolution/breach/true',
    ]);
    // Nothing open is left to check before its next level: no stuck claims.
    const due = rowsOf<{ n: number }>(
      await h.db.execute(
        sql`select count(*)::int as n from cycles where tenant_id = 'w' and next_check_at < ${new Date(T0 + 9 * H).toISOString()}::timestamptz`,
      ),
    );
    expect(due[0]?.n).toBe(0);
  });

  it('a level noticed only after its cycle stopped: the breach goes out, the warning is suppressed as stale; on time is not late', async () => {
    const h = handle();
    const engine = await new EngineCache().engineFor(h.db, 'w');
    const day = T0 + 20 * H;
    await ingestEvents(h.db, 'w', [created('R1', day), created('R2', day)], engine, day);
    // R1's reply comes after 50% was reached, R2's after its breach, before any worker ran.
    const reply = (ticket: string, minutes: number) =>
      parseEvents([
        {
          id: `${ticket}-r`,
          ticket,
          type: 'message',
          at: new Date(day + minutes * 60_000).toISOString(),
          author: 'agent',
          public: true,
        },
      ]);
    await ingestEvents(h.db, 'w', reply('R1', 40), engine, day + 40 * 60_000);
    await ingestEvents(h.db, 'w', reply('R2', 65), engine, day + 65 * 60_000);
    expect((await levels(h)).filter((l) => /^R[12]\/first/.test(l))).toEqual([
      'R1/first_response/50%/true',
      'R2/first_response/50%/true',
      'R2/first_response/90%/true',
      'R2/first_response/breach/true',
    ]);
    const outcomes = rowsOf<{
      ticket_id: string;
      level: string;
      state: string;
      last_error: string;
    }>(
      await h.db.execute(sql`
        select n.ticket_id, n.level, d.state, d.last_error from notifications n
        join deliveries d on d.tenant_id = n.tenant_id and d.notification_id = n.id
        where n.tenant_id = 'w' and n.metric = 'first_response' and n.ticket_id like 'R%'
        order by 1, 2`),
    );
    expect(outcomes.map((o) => `${o.ticket_id} ${o.level} ${o.state}`)).toEqual([
      'R1 50% suppressed',
      'R2 50% suppressed',
      'R2 90% suppressed',
      'R2 breach unrouted',
    ]);
    expect(outcomes[0]?.last_error).toContain('stale');
    expect(await drain([h], day + 65 * 60_000)).toBe(0);
    // A worker on time: resolution's 50% (4h) noticed 30 s after it is not late.
    expect(await drain([h], T0 + 24 * H + 30_000)).toBe(2);
    const [row] = await h.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.tenantId, 'w'),
          eq(notifications.ticketId, 'R1'),
          eq(notifications.metric, 'resolution'),
        ),
      );
    expect(row).toMatchObject({ metric: 'resolution', level: '50%', late: false });
    expect(row?.payload).toMatchObject({ subject: 'Help R1' });
  });

  it('a level reached exactly now is claimed only once time is past it (no spinning on a frozen clock)', async () => {
    const h = handle();
    await saveConfig(h.db, 'exact', CONFIG, 'test');
    const engine = await new EngineCache().engineFor(h.db, 'exact');
    const start = T0 + 40 * H;
    // Every other tenant's checks are long done by then: only this ticket can be due.
    await drain([h], start);
    await ingestEvents(h.db, 'exact', [created('E1', start)], engine, start);
    const cache = new EngineCache();
    // 50% of 1h is reached at +30m exactly: at that instant it has not fired yet.
    expect(await runTick(h.db, cache, start + 30 * 60_000)).toMatchObject({
      claimed: 0,
      created: 0,
    });
    expect(await runTick(h.db, cache, start + 30 * 60_000 + 1000)).toMatchObject({
      claimed: 1,
      created: 1,
    });
  });

  it('duplicate and late events arriving while workers claim give the same cycles and one notification per level', async () => {
    const h = handle();
    await saveConfig(h.db, 'mix', CONFIG, 'test');
    const engine = await new EngineCache().engineFor(h.db, 'mix');
    const start = T0 + 60 * H;
    const now = start + 3 * H;
    const all: TicketEvent[] = [];
    for (let i = 0; i < 30; i++) all.push(created(`M${i}`, start));
    // Replies at +20m for the even tickets, delivered late (after the levels passed) and twice.
    const replies = parseEvents(
      Array.from({ length: 15 }, (_, i) => ({
        id: `M${2 * i}-r`,
        ticket: `M${2 * i}`,
        type: 'message',
        at: new Date(start + 20 * 60_000).toISOString(),
        author: 'agent',
        public: true,
      })),
    );
    await ingestEvents(h.db, 'mix', all, engine, start);
    const others = url()
      ? await Promise.all([1, 2].map(() => openDatabase({ databaseUrl: url() })))
      : [h, h];
    await Promise.all([
      drain([h, ...others], now),
      ...replies.map((r, i) =>
        ingestEvents((others[i % 2] as DatabaseHandle).db, 'mix', [r, r], engine, now),
      ),
      ingestEvents(h.db, 'mix', replies, engine, now),
    ]);
    await drain([h], now);
    if (url()) await Promise.all(others.map((o) => o.close()));

    const rows = await h.db.select().from(cycles).where(eq(cycles.tenantId, 'mix'));
    const expected = engine
      .evaluate([...all, ...replies], now)
      .flatMap((t) =>
        t.cycles.map((c) => `${t.ticket}/${c.metric}/${c.status}/${c.elapsedSeconds}`),
      );
    expect(
      rows.map((c) => `${c.ticketId}/${c.metric}/${c.status}/${c.elapsedSeconds}`).sort(),
    ).toEqual(expected.sort());
    const sent = await h.db.select().from(notifications).where(eq(notifications.tenantId, 'mix'));
    const keys = sent.map((n) => `${n.ticketId}/${n.metric}/${n.cycle}/${n.level}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Odd tickets were never answered: 50%, 90% and breach each once. Even ones were answered
    // at +20m, but the reply arrived late: a worker that looked first saw an open, breached
    // cycle and told someone (all three levels), one that looked after saw nothing to say.
    expect(keys.filter((k) => /^M\d*[13579]\//.test(k))).toHaveLength(15 * 3);
    for (let i = 0; i < 30; i += 2)
      expect([0, 3]).toContain(keys.filter((k) => k.startsWith(`M${i}/`)).length);
  });

  it('a tick says when it took every due ticket it found: a drain ends without an empty tick', async () => {
    const h = handle();
    const start = T0 + 200 * H;
    const now = start + 2 * H;
    // What the tests before left due by then is claimed first: only this test's tickets remain.
    while (!(await runTick(h.db, new EngineCache(), now, 50)).drained);
    await saveConfig(h.db, 'd', CONFIG, 'test');
    const engine = await new EngineCache().engineFor(h.db, 'd');
    for (let i = 0; i < 7; i++)
      await ingestEvents(h.db, 'd', [created(`D${i}`, start)], engine, start);
    const engines = new EngineCache();
    const ticks = [];
    for (let i = 0; i < 3; i++) {
      const { claimed, drained } = await runTick(h.db, engines, now, 5);
      ticks.push([claimed, drained]);
    }
    // Five of seven: more may be due. Two: all there were. Then nothing, and drained again.
    expect(ticks).toEqual([
      [5, false],
      [2, true],
      [0, true],
    ]);
  });
});

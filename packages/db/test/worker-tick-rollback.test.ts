import type { TicketEvent } from '@breachless/core';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { cycleRow } from '../src/ingest/cycle-rows.js';
import { cycleKey, cycleSignature } from '../src/ingest/cycle-write.js';
import { ingestEvents } from '../src/ingest/ingest.js';
import { TicketCache } from '../src/ingest/ticket-cache.js';
import { runTick } from '../src/scan/tick.js';
import { cycles, notifications } from '../src/schema/index.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { describeEachDriver } from '../src/testing.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');
const CONFIG = {
  policies: [
    {
      id: 'p',
      calendar: '24x7',
      targets: { first_response: { '*': '1h' }, resolution: { '*': '8h' } },
      warnings: ['50%', '90%'],
    },
  ],
};

describeEachDriver('worker tick cache after a rolled-back tick', (handle) => {
  it('continues the checkpoint a rolled-back tick cached, and stores what the core says', async () => {
    const { db } = handle();
    await saveConfig(db, 'rb', CONFIG, 'test');
    const engine = await new EngineCache().engineFor(db, 'rb');
    // The agent's reply is stamped 40 minutes ahead (a helpdesk clock ahead of ours): the
    // checkpoint holds it until its instant, when it stops the first response's clock.
    const events: TicketEvent[] = [
      {
        id: 'c',
        ticket: 'R',
        at: T0,
        type: 'ticket.created',
        by: 'customer',
        fields: { status: 'new' },
      },
      { id: 'r', ticket: 'R', at: T0 + 40 * MIN, type: 'message', author: 'agent', public: true },
    ];
    await ingestEvents(db, 'rb', events, engine, T0);
    const cache = new TicketCache();
    const engines = new EngineCache();
    // A tick that recomputes the ticket and caches its checkpoint, then its transaction is
    // rolled back (the database went away before the commit, say).
    const lost = db.transaction(async (tx) => {
      expect(
        (await runTick(tx as unknown as Database, engines, T0 + 31 * MIN, 500, { cache })).claimed,
      ).toBe(1);
      throw new Error('lost before the commit');
    });
    await expect(lost).rejects.toThrow('lost before the commit');
    expect(cache.size).toBe(1);
    expect(await db.select().from(notifications).where(eq(notifications.tenantId, 'rb'))).toEqual(
      [],
    );

    // The next tick continues the cached checkpoint: the stored events are still those it covers.
    const now = T0 + 45 * MIN;
    expect((await runTick(db, engines, now, 500, { cache })).claimed).toBe(1);
    expect(cache.hits).toBe(1);
    const expected = engine
      .evaluate(events, now)
      .flatMap((t) => t.cycles.map((c) => cycleRow('rb', t, c, now)))
      .map((r) => `${cycleKey(r)} ${cycleSignature(r)}`)
      .sort();
    const rows = await db.select().from(cycles).where(eq(cycles.tenantId, 'rb'));
    expect(rows.map((r) => `${cycleKey(r)} ${cycleSignature(r)}`).sort()).toEqual(expected);
    expect(rows.find((r) => r.metric === 'first_response')?.status).toBe('achieved');
    const sent = rowsOf<{ metric: string; level: string }>(
      await db.execute(
        sql`select metric, level from notifications where tenant_id = 'rb' order by 1, 2`,
      ),
    );
    // 50% (at 30 minutes) came before the reply, 90% (54) would have come after it.
    expect(sent.map((n) => `${n.metric} ${n.level}`)).toEqual(['first_response 50%']);
  });
});

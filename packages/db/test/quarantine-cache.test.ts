import { parseEvents } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ingestEvents } from '../src/ingest/ingest.js';
import { engineOrFailure } from '../src/ingest/quarantine-recompute.js';
import { listQuarantined } from '../src/ingest/quarantine-status.js';
import { TicketCache } from '../src/ingest/ticket-cache.js';
import { rowsOf } from '../src/storage/rows.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { created, describeEachDriver } from '../src/testing.js';

const T0 = Date.parse('2026-11-23T15:00:00Z');
const MIN = 60_000;
const CONFIG = {
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
};

describeEachDriver('quarantine and the ticket cache', (handle) => {
  it('a ticket quarantined with events stored is never served from what was cached before', async () => {
    const db = handle().db;
    const engines = new EngineCache();
    const cache = new TicketCache();
    const ingest = async (events: object[], now: number) =>
      ingestEvents(db, 'k', parseEvents(events), await engineOrFailure(db, engines, 'k'), now, {
        cache,
      });
    await saveConfig(db, 'k', CONFIG, 'test');
    await ingest([created('K1', T0)], T0);
    // Written by an earlier version: a config this version refuses (a target beyond a year).
    const refused = {
      policies: [{ ...CONFIG.policies[0], targets: { first_response: { '*': '400d' } } }],
    };
    await db.execute(sql`
      insert into configs (tenant_id, version, body, changed_by)
      values ('k', 2, ${JSON.stringify(refused)}::jsonb, 'earlier version')`);
    // The agent's reply is stored while the config is refused; the ticket is set aside.
    const reply = { id: 'K1-r', ticket: 'K1', type: 'message', author: 'agent', public: true };
    const stored = await ingest(
      [{ ...reply, at: new Date(T0 + 10 * MIN).toISOString() }],
      T0 + 10 * MIN,
    );
    expect([stored.accepted, stored.quarantined.map((q) => q.ticket)]).toEqual([1, ['K1']]);
    expect((await listQuarantined(db, 'k'))[0]?.error).toMatch(/365d/);

    // Mended by hand; the next event recomputes from every stored event, the reply included.
    await db.execute(sql`delete from configs where tenant_id = 'k' and version = 2`);
    const note = { id: 'K1-n', ticket: 'K1', type: 'ticket.updated', fields: { priority: 'low' } };
    await ingest([{ ...note, at: new Date(T0 + 20 * MIN).toISOString() }], T0 + 20 * MIN);
    const cycles = rowsOf<{ status: string; outcome_at: string | Date }>(
      await db.execute(
        sql`select status, outcome_at from cycles where tenant_id = 'k' and ticket_id = 'K1'`,
      ),
    );
    expect(cycles.map((c) => [c.status, new Date(c.outcome_at).toISOString()])).toEqual([
      ['achieved', new Date(T0 + 10 * MIN).toISOString()],
    ]);
    expect(await listQuarantined(db, 'k')).toEqual([]);
  });
});

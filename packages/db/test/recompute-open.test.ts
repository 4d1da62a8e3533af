import { parseEvents } from '@breachless/core';
import { and, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ingestEvents } from '../src/ingest/ingest.js';
import { applyConfig } from '../src/ingest/recompute-open.js';
import { cycles } from '../src/schema/index.js';
import type { Database } from '../src/storage/database.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { describeEachDriver } from '../src/testing.js';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const NOW = T0 + 10 * 60_000;
const policies = (firstResponse: string) => ({
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': firstResponse } } }],
});
const created = (ticket: string) => ({
  ...{ id: `${ticket}-c`, ticket, type: 'ticket.created', at: new Date(T0).toISOString() },
  fields: { status: 'new' },
});
const OPEN = ['T-1', 'T-2', 'T-3', 'T-4', 'T-5'];
// Answered at once: its only cycle is achieved, so no recompute touches it.
const ANSWERED = [
  created('DONE'),
  {
    ...{ id: 'DONE-r', ticket: 'DONE', type: 'message', at: new Date(T0 + 60_000).toISOString() },
    ...{ author: 'agent', public: true },
  },
];

async function stored(db: Database, tenant: string) {
  const rows = await db
    .select()
    .from(cycles)
    .where(and(eq(cycles.tenantId, tenant), inArray(cycles.ticketId, [...OPEN, 'DONE'])))
    .orderBy(cycles.ticketId);
  return rows.map((r) => [r.ticketId, r.status, r.dueAt?.toISOString() ?? null]);
}

describeEachDriver('applyConfig', (handle) => {
  const ingest = async (tenant: string) => {
    const engines = new EngineCache();
    const events = parseEvents([...OPEN.map(created), ...ANSWERED]);
    await ingestEvents(
      handle().db,
      tenant,
      events,
      await engines.engineFor(handle().db, tenant),
      NOW,
    );
  };

  it('recomputes every ticket with an open cycle, batch after batch, with the newest config', async () => {
    for (const tenant of ['acme', 'globex']) {
      await saveConfig(handle().db, tenant, policies('1h'), 'test');
      await ingest(tenant);
    }
    const globexBefore = await stored(handle().db, 'globex');
    // Batches of 2 over 5 open tickets: three batches, the last one short.
    expect(await applyConfig(handle().db, 'acme', policies('30m'), 'test', NOW, 2)).toEqual({
      version: 2,
      recomputed: 5,
      quarantined: [],
    });
    expect(await stored(handle().db, 'acme')).toEqual([
      ['DONE', 'achieved', null],
      ...OPEN.map((t) => [t, 'running', new Date(T0 + 30 * 60_000).toISOString()]),
    ]);
    expect(await stored(handle().db, 'globex')).toEqual(globexBefore);
  });

  it('pages by ticket id, so tickets whose cycles close meanwhile do not shift the pages', async () => {
    // No policy at all: every recomputed ticket loses its cycles, which an offset would skip over.
    const applied = await applyConfig(handle().db, 'acme', { policies: [] }, 'test', NOW, 2);
    expect(applied.recomputed).toBe(5);
    expect(await stored(handle().db, 'acme')).toEqual([['DONE', 'achieved', null]]);
    const again = await applyConfig(handle().db, 'acme', { policies: [] }, 'test', NOW, 2);
    expect(again.recomputed).toBe(0);
  });
});

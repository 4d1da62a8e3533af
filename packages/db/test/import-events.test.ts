import { readdirSync, readFileSync } from 'node:fs';
import {
  Engine,
  explainJson,
  parseConfig,
  parseEventsNdjson,
  type TicketEvent,
} from '@breachless/core';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { type ImportItem, type ImportProgress, importEvents } from '../src/ingest/import-events.js';
import { cycles } from '../src/schema/index.js';
import { describeEachDriver } from '../src/testing.js';

const conformance = new URL('../../../conformance/', import.meta.url);
const engine = new Engine(
  parseConfig(JSON.parse(readFileSync(new URL('scenarios.config.json', conformance), 'utf8'))),
);
// Every scenario's events, with ticket ids made unique per scenario so they can share a tenant.
const events: TicketEvent[] = readdirSync(new URL('scenarios/', conformance)).flatMap((name) =>
  parseEventsNdjson(
    readFileSync(new URL(`scenarios/${name}/events.ndjson`, conformance), 'utf8'),
  ).map((e) => ({
    ...e,
    id: `${name}/${e.id}`,
    ticket: `${name}/${e.ticket}`,
  })),
);
const now = Date.parse('2026-11-30T00:00:00Z');

async function* source(): AsyncGenerator<ImportItem> {
  for (const [i, event] of events.entries()) {
    if (i === 5) yield { line: 6, problems: [{ path: 'at', message: 'not an instant' }] };
    yield { event };
  }
}

describeEachDriver('import', (handle) => {
  it('streams in batches with progress, keeps rejected lines, and matches the engine', async () => {
    const progress: ImportProgress[] = [];
    const summary = await importEvents(handle().db, 'imp', source(), engine, now, {
      batchSize: 7,
      onProgress: (p) => progress.push(p),
    });
    const unique = new Set(events.map((e) => e.id)).size;
    expect(summary).toMatchObject({
      read: events.length + 1,
      accepted: unique,
      duplicates: events.length - unique,
      rejected: 1,
    });
    expect(summary.rejections).toEqual([
      { line: 6, problems: [{ path: 'at', message: 'not an instant' }] },
    ]);
    // A batch ends where a ticket does, so it holds 7 to 14 events (the last fewer).
    expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(events.length / 14));
    expect(progress.map((p) => p.accepted)).toEqual(
      [...progress.map((p) => p.accepted)].sort((a, b) => a - b),
    );
    const stored = await handle().db.select().from(cycles).where(eq(cycles.tenantId, 'imp'));
    const expected = explainJson(engine.evaluate(events, now), now).tickets.flatMap((t) =>
      t.cycles.map((c) => `${t.ticket}/${c.metric}/${c.cycle}/${c.status}/${c.elapsedSeconds}`),
    );
    expect(
      stored
        .map((c) => `${c.ticketId}/${c.metric}/${c.cycle}/${c.status}/${c.elapsedSeconds}`)
        .sort(),
    ).toEqual(expected.sort());
  });

  it('changes nothing when run twice', async () => {
    const before = await handle().db.select().from(cycles).where(eq(cycles.tenantId, 'imp'));
    const again = await importEvents(handle().db, 'imp', source(), engine, now, { batchSize: 50 });
    expect(again).toMatchObject({ accepted: 0, duplicates: events.length, tickets: 0 });
    const after = await handle().db.select().from(cycles).where(eq(cycles.tenantId, 'imp'));
    expect(after).toEqual(before);
  });
});

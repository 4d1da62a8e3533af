// The Zendesk reader against the loopback fake of the Incremental Ticket Event Export
// (Zendesk Support API reference, "Incremental Ticket Event Export"; "Using the Incremental
// Exports API": time-based pagination with end_time, end_of_stream, 10 requests a minute
// answered 429 with Retry-After; see src/zendesk/fake.ts for each documented behaviour).
import type { TicketEvent } from '@breachless/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fetch, getJson, retryAfterOf } from '../src/http-read.js';
import { FakeZendesk } from '../src/zendesk/fake.js';
import { fakeHistory } from '../src/zendesk/fake-history.js';
import { zendeskPlatform } from '../src/zendesk/platform.js';
import { readAll } from './read-pages.js';
import { engine, webhookEvents } from './webhooks.js';

const START = Date.UTC(2026, 10, 2, 8) / 1000;
// The event export's cursor at START (a plain number would be a backfill's `--since`).
const FROM = JSON.stringify({ start: START });
let now = (START + 86_400) * 1000;
const clock = () => now;
const fakes: FakeZendesk[] = [];
const credentials = { email: 'agent@example.com', token: 'secret-token' };

const history = fakeHistory({ tickets: 10, start: START, spacing: 600 });

async function fake(options: { perMinute?: number | null; pageSize?: number } = {}) {
  const f = new FakeZendesk({ clock, ...options });
  f.add(...history.map((c) => c.audit));
  fakes.push(f);
  await f.start();
  return f;
}
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe('Zendesk reader and its fake', () => {
  it('pages by end_time to the end of the stream, reading a full page’s last second again', async () => {
    const f = await fake({ pageSize: 7, perMinute: null });
    const platform = zendeskPlatform(f.url, credentials, {});
    const ids = new Set<number | string>();
    let cursor: string | null = FROM;
    let pages = 0;
    for (;;) {
      const page = await platform.read(cursor, now);
      if (page.kind !== 'page') throw new Error(page.message);
      pages++;
      for (const r of page.records) ids.add(r.id);
      cursor = page.next;
      if (page.done) break;
    }
    expect(ids.size).toBe(f.events.length);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(f.events.length / 7));
    // The stream's end is complete to its last second: the next read starts after it.
    expect(JSON.parse(cursor ?? '{}').start).toBe((f.events.at(-1)?.timestamp ?? 0) + 1);
    const after = await platform.read(cursor, now);
    expect(after).toMatchObject({ kind: 'page', records: [], next: cursor, done: true });
  });

  it('backfills from a date: the tickets created before it and still open, or solved since, in full', async () => {
    const f = await fake();
    const platform = zendeskPlatform(f.url, credentials, {});
    // Tickets 1002, 1005 and 1008 are never solved; 1000, 1004, 1006, 1007 and 1009 are
    // solved after the date; 1001 and 1003 before it, and nothing of theirs is read.
    const since = START + 3 * 3600;
    const { records } = await readAll(platform, String(since), now);
    const tickets = [...new Set(records.map((r) => Number(r.ticket_id)))].sort();
    expect(tickets).toEqual([1000, 1002, 1004, 1005, 1006, 1007, 1008, 1009]);
    expect(f.requests).toBe(2 + tickets.length + 1);
    const mapped = platform.map(records, []);
    // Comments on tickets created before the date are mapped, not rejected.
    expect(mapped.rejected).toEqual([]);
    const read = new Map(mapped.events.map((e) => [e.id, e]));
    // The ids the export gives the same audits read from the start of the history.
    const whole = platform.map((await readAll(platform, '0', now)).records, []).events;
    const same = whole.filter((e) => tickets.includes(Number(e.ticket)));
    expect([...read.keys()].sort()).toEqual(same.map((e) => e.id).sort());
    // And the cycles their webhooks give.
    const hooked = history
      .filter((c) => tickets.includes(c.audit.ticket_id))
      .flatMap((c) => c.webhooks.flatMap((w) => webhookEvents(w, now)));
    const cycles = (events: readonly TicketEvent[]) =>
      engine.evaluate([...events], now).map((t) => [t.ticket, t.state, t.cycles]);
    expect(cycles([...read.values()])).toEqual(cycles(hooked));
  });

  it('resumes a backfill’s search from its stored page, and starts it again once its cursor expired', async () => {
    const f = new FakeZendesk({ clock, perMinute: null });
    f.add(...fakeHistory({ tickets: 330, start: START, spacing: 60 }).map((c) => c.audit));
    fakes.push(f);
    await f.start();
    const platform = zendeskPlatform(f.url, credentials, {});
    const since = START + 86_400;
    now = (since + 600) * 1000;
    const first = await platform.read(String(since), now);
    if (first.kind !== 'page') throw new Error(first.message);
    // A hundred tickets a page of the 110 never solved; the page's link is the cursor.
    expect(first.tickets.length).toBe(100);
    expect(JSON.parse(first.next)).toMatchObject({ start: since, open: 0 });
    const second = await platform.read(first.next, now);
    if (second.kind !== 'page') throw new Error(second.message);
    expect(second.tickets).toHaveLength(10);
    expect(new Set([...first.tickets, ...second.tickets]).size).toBe(110);
    expect(JSON.parse(second.next)).toEqual({ start: since, open: 1 });
    now += 3_601_000;
    const expired = await platform.read(first.next, now);
    expect(expired).toMatchObject({
      kind: 'page',
      records: [],
      next: JSON.stringify({ start: since, open: 0 }),
    });
    now = (START + 86_400) * 1000;
  });

  it('answers the eleventh request of a minute 429 with Retry-After, and the next minute again', async () => {
    const f = await fake();
    const platform = zendeskPlatform(f.url, credentials, {});
    now = Math.floor(now / 60_000) * 60_000 + 15_000;
    for (let i = 0; i < 10; i++) expect((await platform.read(FROM, now)).kind).toBe('page');
    const limited = await platform.read(FROM, now);
    expect(limited).toEqual({
      kind: 'limited',
      retryAfterMs: 45_000,
      message: 'zendesk: rate limited (429), retry after 45 s',
    });
    now += 45_000;
    expect((await platform.read(FROM, now)).kind).toBe('page');
    expect(f.limited).toBe(1);
  });

  it('leaves changes after `until` for later and stops its cursor at the first of them', async () => {
    const f = await fake({ perMinute: null });
    const platform = zendeskPlatform(f.url, credentials, {});
    const cut = f.events[20]?.timestamp ?? 0;
    const page = await platform.read(FROM, cut * 1000 - 1);
    if (page.kind !== 'page') throw new Error(page.message);
    expect(page.records.every((r) => r.timestamp < cut)).toBe(true);
    expect(page).toMatchObject({
      next: JSON.stringify({ start: cut }),
      done: true,
      cursorAt: cut * 1000 - 1,
    });
  });

  it('never reads the last minute, as Zendesk excludes it', async () => {
    const f = await fake({ perMinute: null });
    const last = f.events.at(-1)?.timestamp ?? 0;
    now = last * 1000 + 30_000;
    const page = await zendeskPlatform(f.url, credentials, {}).read(FROM, now);
    if (page.kind !== 'page') throw new Error(page.message);
    expect(page.records.some((r) => r.timestamp === last)).toBe(false);
    now = (START + 86_400) * 1000;
  });

  it('says why a read failed without ever repeating the credentials', async () => {
    const f = await fake();
    const wrong = await zendeskPlatform(f.url, { ...credentials, token: 'other' }, {}).read(
      '0',
      now,
    );
    expect(wrong).toEqual({
      kind: 'failed',
      message: `zendesk: 401 {"error":"Couldn't authenticate you"}`,
    });
    f.down = true;
    expect(await zendeskPlatform(f.url, credentials, {}).read('0', now)).toEqual({
      kind: 'failed',
      message: 'zendesk: 503 {"error":"ServiceUnavailable"}',
    });
    await f.close();
    fakes.splice(fakes.indexOf(f), 1);
    const gone = await zendeskPlatform(f.url, credentials, {}).read('0', now);
    expect(gone).toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(/^zendesk: cannot reach 127\.0\.0\.1:\d+: [A-Z_]+$/),
    });
    expect(JSON.stringify([wrong, gone])).not.toContain('secret-token');
  });

  it('reads a 503 with Retry-After (maintenance) as a limit, and an absent header as a minute', async () => {
    const answer =
      (status: number, headers: Record<string, string>): Fetch =>
      async () =>
        new Response('{}', { status, headers });
    expect(
      await getJson(answer(503, { 'retry-after': '120' }), 'http://h/x', {}, 'zendesk'),
    ).toMatchObject({ kind: 'limited', retryAfterMs: 120_000 });
    expect(await getJson(answer(429, {}), 'http://h/x', {}, 'zendesk')).toMatchObject({
      kind: 'limited',
      retryAfterMs: 60_000,
    });
    expect(retryAfterOf('Wed, 21 Oct 2026 07:28:30 GMT', Date.UTC(2026, 9, 21, 7, 28))).toBe(
      30_000,
    );
  });
});

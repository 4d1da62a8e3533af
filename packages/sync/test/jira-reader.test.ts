import { afterEach, describe, expect, it } from 'vitest';
import { jqlSince } from '../src/jira/cursor.js';
import { FakeJira } from '../src/jira/fake.js';
import { fakeJiraHistory } from '../src/jira/fake-history.js';
import { jiraPlatform } from '../src/jira/platform.js';
import { hookEvents, PLATFORM_CONFIG } from './platform-hooks.js';
import { cyclesOf, readAll } from './read-pages.js';

const START = Date.UTC(2026, 10, 2, 8);
let now = START + 86_400_000;
const clock = () => now;
const credentials = { email: 'agent@example.com', token: 'jira-token' };
const options = PLATFORM_CONFIG.connectors.jira;
const history = fakeJiraHistory({ issues: 12, start: START, spacing: 900 });
const fakes: FakeJira[] = [];

async function fake(o: { perMinute?: number | null; pageSize?: number; inSearch?: number } = {}) {
  const f = new FakeJira({ clock, ...o });
  f.add(...history);
  fakes.push(f);
  await f.start();
  return f;
}
afterEach(async () => {
  now = START + 86_400_000;
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe('Jira reader and its fake', () => {
  it('maps search results to the webhooks’ events: same ids, same cycles', async () => {
    const f = await fake({ pageSize: 5, inSearch: 2 });
    const platform = jiraPlatform(f.url, credentials, options, 'project = SUP', fetch);
    const { records, pages } = await readAll(platform, String(START / 1000), now);
    expect(records).toHaveLength(12);
    // The open requests last updated before START (none), then three pages of five.
    expect(pages).toBe(4);
    // Histories and comments past the two the search shows came from their own endpoints.
    expect(f.paths.filter((p) => p.endsWith('/changelog')).length).toBe(12);
    expect(f.paths.filter((p) => p.endsWith('/comment')).length).toBe(12);
    const mapped = platform.map(records, []);
    expect(mapped.rejected).toEqual([]);
    const hooked = history.flatMap((i) =>
      i.changes.flatMap((c) =>
        c.webhooks.flatMap((body) => hookEvents({ platform: 'jira', body })),
      ),
    );
    expect(mapped.events.map((e) => e.id).sort()).toEqual(hooked.map((e) => e.id).sort());
    const fromHooks = cyclesOf(hooked, now);
    expect(fromHooks.flatMap((t) => t.cycles).some((c) => c[4] !== null)).toBe(true);
    expect(cyclesOf(mapped.events, now)).toEqual(fromHooks);
  });

  it('backfills from a date: the requests still open though last updated before it, in full', async () => {
    const f = await fake();
    const platform = jiraPlatform(f.url, credentials, options, 'project = SUP', fetch);
    // Every change of the twelve happened before; the four never resolved still run.
    const { records } = await readAll(platform, String(START / 1000 + 12 * 3600), now);
    expect(records.map((r) => r.issue.key).sort()).toEqual(['SUP-12', 'SUP-3', 'SUP-6', 'SUP-9']);
    const open = history.filter((i) => ['SUP-3', 'SUP-6', 'SUP-9', 'SUP-12'].includes(i.key));
    const hooked = open.flatMap((i) =>
      i.changes.flatMap((c) =>
        c.webhooks.flatMap((body) => hookEvents({ platform: 'jira', body })),
      ),
    );
    expect(
      platform
        .map(records, [])
        .events.map((e) => e.id)
        .sort(),
    ).toEqual(hooked.map((e) => e.id).sort());
  });

  it('reads again only the minute it stopped at, skipping what it read: an idle reconcile is one search', async () => {
    const f = await fake();
    const platform = jiraPlatform(f.url, credentials, options, undefined, fetch);
    const first = await readAll(platform, '0', now);
    expect(first.records).toHaveLength(12);
    const before = f.requests;
    const idle = await readAll(platform, first.cursor, now);
    expect(idle.records).toEqual([]);
    expect(f.requests - before).toBe(1);
    expect(f.paths.filter((p) => p.endsWith('/myself'))).toHaveLength(1);
  });

  it('reads a status no name maps by its category, asking Jira for the categories once', async () => {
    // The site calls "Waiting for customer" "Awaiting reply": a name no mapping knows.
    const renamed = JSON.parse(
      JSON.stringify(history).replaceAll('Waiting for customer', 'Awaiting reply'),
    ) as typeof history;
    const f = new FakeJira({ clock });
    f.add(...renamed);
    fakes.push(f);
    await f.start();
    const platform = jiraPlatform(f.url, credentials, options, undefined, fetch);
    const { records } = await readAll(platform, '0', now);
    const mapped = platform.map(records, []);
    expect(mapped.rejected).toEqual([]);
    expect(f.paths.filter((p) => p === '/rest/api/3/status')).toHaveLength(1);
    const hooked = renamed.flatMap((i) =>
      i.changes.flatMap((c) =>
        c.webhooks.flatMap((body) => hookEvents({ platform: 'jira', body })),
      ),
    );
    expect(cyclesOf(mapped.events, now)).toEqual(cyclesOf(hooked, now));
  });

  it('starts the search again from its cursor when a page token no longer holds', async () => {
    const f = await fake({ pageSize: 5 });
    const platform = jiraPlatform(f.url, credentials, options, undefined, fetch);
    const first = await platform.read('0', now);
    if (first.kind !== 'page') throw new Error(first.message);
    expect(first.done).toBe(false);
    const stale = JSON.stringify({ ...JSON.parse(first.next), token: 'expired' });
    const again = await platform.read(stale, now);
    expect(again).toMatchObject({ kind: 'page', records: [], done: false });
    if (again.kind !== 'page') return;
    expect(JSON.parse(again.next)).toEqual({ since: -1, zone: 'UTC' });
    expect((await readAll(platform, again.next, now)).records).toHaveLength(12);
  });

  it('leaves changes newer than `until` for the next run', async () => {
    const f = await fake();
    const platform = jiraPlatform(f.url, credentials, options, undefined, fetch);
    const until = START + 3 * 3_600_000;
    const page = await platform.read('0', until);
    if (page.kind !== 'page') throw new Error(page.message);
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.length).toBeLessThan(12);
    expect(page.cursorAt).toBeLessThanOrEqual(until);
  });

  it('waits a 429’s Retry-After; says a refused token without it', async () => {
    const f = await fake({ perMinute: 1 });
    const platform = jiraPlatform(f.url, credentials, options, undefined, fetch);
    expect(await platform.read('0', now)).toMatchObject({ kind: 'limited' });
    const refused = await jiraPlatform(
      f.url,
      { ...credentials, token: 'wrong' },
      options,
      undefined,
      fetch,
    ).read('0', now);
    expect(refused).toMatchObject({ kind: 'failed', message: expect.stringMatching(/^jira: 401/) });
    expect(JSON.stringify(refused)).not.toContain('wrong');
  });

  it('writes JQL dates in the account’s time zone, to the minute', () => {
    const at = Date.UTC(2026, 10, 2, 8, 5, 59);
    expect(jqlSince(at, 'UTC')).toBe('2026/11/02 08:05');
    expect(jqlSince(at, 'America/New_York')).toBe('2026/11/02 03:05');
  });
});

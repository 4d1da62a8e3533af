import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/github/fake.js';
import { fakeGitHubHistory } from '../src/github/fake-history.js';
import { githubPlatform } from '../src/github/platform.js';
import { unseen } from '../src/seen.js';
import { hookEvents, PLATFORM_CONFIG } from './platform-hooks.js';
import { cyclesOf, readAll } from './read-pages.js';

const START = Date.UTC(2026, 10, 2, 8) / 1000;
let now = (START + 86_400) * 1000;
const clock = () => now;
const options = PLATFORM_CONFIG.connectors.github;
const fakes: FakeGitHub[] = [];
const history = fakeGitHubHistory({ issues: 12, start: START, spacing: 900 });

async function fake(o: { perHour?: number | null } = {}) {
  const f = new FakeGitHub({ clock, ...o });
  f.add(...history);
  fakes.push(f);
  await f.start();
  return f;
}
afterEach(async () => {
  now = (START + 86_400) * 1000;
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe('GitHub reader and its fake', () => {
  it('maps issues and timelines to the cycles the webhooks give; each change is seen both ways', async () => {
    const f = await fake();
    const platform = githubPlatform(f.url, 'github-token', ['acme/support'], options, fetch, clock);
    const { records } = await readAll(platform, String(START), now);
    expect(records).toHaveLength(12);
    const mapped = platform.map(records, []);
    expect(mapped.rejected).toEqual([]);
    const hooked = history.flatMap((i) =>
      i.changes.flatMap((c) => c.webhooks.flatMap((w) => hookEvents({ platform: 'github', ...w }))),
    );
    const fromHooks = cyclesOf(hooked, now);
    expect(fromHooks).toHaveLength(12);
    expect(fromHooks.flatMap((t) => t.cycles).some((c) => c[4] !== null)).toBe(true);
    expect(cyclesOf(mapped.events, now)).toEqual(fromHooks);
    // Everything the webhooks stored is recognised: nothing read would be stored again.
    expect(unseen(hooked, mapped.events)).toEqual([]);
    // Comments keep the webhook's own id.
    const comments = mapped.events.filter((e) => e.type === 'message').map((e) => e.id);
    expect(comments.every((id) => hooked.some((h) => h.id === id))).toBe(true);
  });

  it('pages by Link, then an idle reconcile is one 304 per repository, not charged', async () => {
    const f = await fake();
    const platform = githubPlatform(f.url, 'github-token', ['acme/support'], options, fetch, clock);
    const first = await readAll(platform, '0', now);
    expect(first.records).toHaveLength(12);
    // 12 issues at 100 a page fit one listing; each issue's timeline is one request.
    expect(f.requests).toBe(1 + 12);
    // The next read lists at the new `since` once (its ETag kept), then answers 304.
    const second = await readAll(platform, first.cursor, now);
    expect(second.records).toEqual([]);
    const before = f.requests;
    const idle = await readAll(platform, second.cursor, now);
    expect(idle.records).toEqual([]);
    expect(f.requests - before).toBe(1);
    expect(f.notModified).toBe(1);
    // A new change: the ETag no longer matches, only the changed issue is read again.
    const later = fakeGitHubHistory({ issues: 13, start: START, spacing: 900 })[12];
    f.add(later as (typeof history)[number]);
    now += 86_400_000;
    const again = await readAll(platform, idle.cursor, now);
    expect(again.records.map((r) => r.issue.number)).toEqual([13]);
  });

  it('backfills from a date: the issues still open though last updated before it, in full', async () => {
    const f = await fake();
    const platform = githubPlatform(f.url, 'github-token', ['acme/support'], options, fetch, clock);
    // Every change of the twelve issues happened before; the four never closed still run.
    const since = START + 12 * 3600;
    const { records } = await readAll(platform, String(since), now);
    expect(records.map((r) => r.issue.number).sort((a, b) => a - b)).toEqual([3, 6, 9, 12]);
    const mapped = platform.map(records, []);
    const open = history.filter((i) => [3, 6, 9, 12].includes(i.number));
    const hooked = open.flatMap((i) =>
      i.changes.flatMap((c) => c.webhooks.flatMap((w) => hookEvents({ platform: 'github', ...w }))),
    );
    expect(cyclesOf(mapped.events, now)).toEqual(cyclesOf(hooked, now));
  });

  it('pages of 100 issues follow rel="next" to the last page', async () => {
    const many = fakeGitHubHistory({ issues: 230, start: START, spacing: 60 });
    const f = new FakeGitHub({ clock, perHour: null });
    f.add(...many);
    fakes.push(f);
    await f.start();
    const platform = githubPlatform(f.url, 'github-token', ['acme/support'], options, fetch, clock);
    const { records, pages } = await readAll(platform, '0', now);
    expect(pages).toBe(3);
    expect(new Set(records.map((r) => r.issue.number)).size).toBe(230);
  });

  it('waits out the primary limit until its reset, a secondary limit its retry-after', async () => {
    const f = await fake({ perHour: 5 });
    const platform = githubPlatform(f.url, 'github-token', ['acme/support'], options, fetch, clock);
    const cursor = '0';
    const page = await platform.read(cursor, now);
    expect(page).toMatchObject({ kind: 'limited' });
    const reset = (Math.floor(now / 3_600_000) + 1) * 3_600_000;
    expect(page.kind === 'limited' && page.retryAfterMs).toBe(reset - now);
    now = reset;
    f.queued.push({
      status: 403,
      headers: { 'retry-after': '30' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const secondary = await platform.read(cursor, now);
    expect(secondary).toMatchObject({ kind: 'limited', retryAfterMs: 30_000 });
    f.queued.push({ status: 429, headers: {}, body: { message: 'slow down' } });
    expect(await platform.read(cursor, now)).toMatchObject({
      kind: 'limited',
      retryAfterMs: 60_000,
    });
    expect(f.limited).toBe(1);
  });

  it('never follows a page link to another address with the token', async () => {
    const f = await fake();
    const platform = githubPlatform(f.url, 'github-token', ['acme/support'], options, fetch, clock);
    const cursor = JSON.stringify({
      repos: {
        'acme/support': {
          since: null,
          next: 'https://evil.example/repos/acme/support/issues?page=2',
        },
      },
      at: 0,
    });
    const before = f.requests;
    expect(await platform.read(cursor, now)).toEqual({
      kind: 'failed',
      message: `github: a page link leads off ${f.url}`,
    });
    expect(f.requests).toBe(before);
  });

  it('says a refused token and a GitHub that is down, never the token', async () => {
    const f = await fake();
    const refused = await githubPlatform(
      f.url,
      'wrong',
      ['acme/support'],
      options,
      fetch,
      clock,
    ).read('0', now);
    expect(refused).toMatchObject({ kind: 'failed' });
    expect(refused.kind === 'failed' && refused.message).toMatch(/^github: 401 .*Bad credentials/);
    expect(JSON.stringify(refused)).not.toContain('wrong');
    f.down = true;
    const down = await githubPlatform(
      f.url,
      'github-token',
      ['acme/support'],
      options,
      fetch,
      clock,
    ).read('0', now);
    expect(down).toMatchObject({ kind: 'failed', message: expect.stringMatching(/^github: 503/) });
  });
});

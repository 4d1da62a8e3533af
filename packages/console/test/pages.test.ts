import {
  type ConsoleRole,
  createLoginLink,
  type Database,
  EngineCache,
  redeemLoginLink,
  saveConfig,
} from '@breachless/db';
import { created, describeEachDriver, ingest } from '@breachless/db/testing';
import { pino } from 'pino';
import { beforeAll, expect, it } from 'vitest';
import { createConsole } from '../src/index.js';

// The console's answers to what a browser would not send: hostile ids, bad filters, expired
// links, a draft's problems by path. Through Hono's app.request, on every driver.
const NOW = Date.parse('2026-11-20T12:00:00Z');

/** Signs a user of acme in through a one-time link, as the sign-in page does. */
async function signIn(db: Database, role: ConsoleRole, user: string) {
  const link = await createLoginLink(db, { tenant: 'acme', role, user, expiresAt: NOW + 60_000 });
  const opened = await redeemLoginLink(db, link, NOW, 3600_000);
  if (!opened) throw new Error('no session');
  return opened;
}

describeEachDriver('console pages', (handle) => {
  let cookie: string;
  let csrf: string;
  const app = () =>
    createConsole({
      db: handle().db,
      engines: new EngineCache(),
      clock: () => NOW,
      sessionClock: () => NOW,
      logger: pino({ level: 'silent' }),
    });
  const get = (path: string) => app().request(path, { headers: { cookie } });

  beforeAll(async () => {
    const { db } = handle();
    await saveConfig(
      db,
      'acme',
      {
        calendars: [],
        policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
      },
      'test',
    );
    await ingest(
      db,
      'acme',
      [
        {
          id: 'x1',
          ticket: '<script>alert(1)</script>',
          type: 'ticket.created',
          at: new Date(NOW - 60_000).toISOString(),
          by: 'customer',
          fields: { status: 'new', team: '<b>t</b>' },
        },
      ],
      NOW,
    );
    const opened = await signIn(db, 'admin', 'lead');
    cookie = `breachless_session=${opened.secret}`;
    csrf = opened.session.csrf;
  });

  it('escapes what tickets carry: a script in a ticket id or team is text, never markup', async () => {
    const html = await (await get('/t/acme/at-risk')).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;t&lt;/b&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('answers a bad filter with 400 naming it, and an unknown ticket with 404', async () => {
    const bad = await get('/t/acme/at-risk?metric=speed&within=1y');
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('within: &quot;1y&quot; is not one of 2h, 8h, 24h, 7d, 30d');
    expect(text).toContain('metric: &quot;speed&quot; is not one of');
    expect((await get('/t/acme/tickets/NOPE')).status).toBe(404);
  });

  it("lists a draft's problems by path, as JSON, to the editor's script", async () => {
    const res = await app().request('/t/acme/policy/check', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'text/yaml' },
      body: 'calendars: []\npolicies:\n  - id: p\n    calendar: nowhere\n    targets: { first_response: { "*": 4x } }\n',
    });
    expect(res.status).toBe(200);
    const { problems } = (await res.json()) as { problems: { path: string }[] };
    expect(problems.map((p) => p.path).sort()).toEqual([
      'policies[0].calendar',
      'policies[0].targets.first_response.*',
    ]);
    const syntax = await app().request('/t/acme/policy/check', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
      body: 'policies: [',
    });
    expect(((await syntax.json()) as { problems: { path: string }[] }).problems[0]?.path).toMatch(
      /^line \d+$|\(file\)/,
    );
  });

  it('refuses every page and write of another tenant, whatever the path', async () => {
    const pages = [
      'at-risk',
      'at-risk?team=x',
      'live',
      'policy',
      'policy/versions/1',
      'tickets/G-1',
      'compliance',
      'compliance/breached?days=30',
      'subscriptions',
    ];
    for (const path of pages) expect((await get(`/t/globex/${path}`)).status, path).toBe(403);
    const writes = ['at-risk/ack', 'policy/check', 'policy/what-if', 'policy/save'];
    for (const path of writes) {
      const res = await app().request(`/t/globex/${path}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf },
        body: new URLSearchParams({
          _csrf: csrf,
          draft: 'calendars: []\npolicies: []\n',
          ticket: 'G-1',
          metric: 'first_response',
          cycle: '1',
          action: 'ack',
        }),
      });
      expect(res.status, path).toBe(403);
    }
  });

  it('refuses an expired link, and a session after sign-out', async () => {
    const { db } = handle();
    const old = await createLoginLink(db, {
      tenant: 'acme',
      role: 'viewer',
      user: 'v',
      expiresAt: NOW - 1,
    });
    const res = await app().request('/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ link: old }),
    });
    expect(res.status).toBe(401);
    const opened = await signIn(db, 'viewer', 'v');
    const mine = `breachless_session=${opened.secret}`;
    const out = await app().request('/sign-out', {
      method: 'POST',
      headers: { cookie: mine },
      body: new URLSearchParams({ _csrf: opened.session.csrf }),
    });
    expect(out.status).toBe(303);
    const after = await app().request('/t/acme/at-risk', { headers: { cookie: mine } });
    expect(after.headers.get('location')).toBe('/sign-in?next=%2Ft%2Facme%2Fat-risk');
  });

  it('opens the cycles behind each compliance figure, achieved and breached alike', async () => {
    const minutesAgo = (m: number) => NOW - m * 60_000;
    const reply = (id: string, ticket: string, m: number) => ({
      id,
      ticket,
      type: 'message',
      at: new Date(minutesAgo(m)).toISOString(),
      author: 'agent',
      public: true,
    });
    await ingest(
      handle().db,
      'acme',
      [
        { ...created('FAST', minutesAgo(300), { status: 'new', team: 'ops' }), id: 'f1' },
        reply('f2', 'FAST', 280),
        { ...created('SLOW', minutesAgo(300), { status: 'new', team: 'ops' }), id: 's1' },
        reply('s2', 'SLOW', 100),
      ],
      NOW,
    );
    const table = await (await get('/t/acme/compliance?days=30&by=team')).text();
    for (const outcome of ['achieved', 'breached'])
      expect(table).toContain(
        `compliance/${outcome}?days=30&amp;team=ops&amp;metric=first_response`,
      );
    const list = async (outcome: string) =>
      (await get(`/t/acme/compliance/${outcome}?days=30&team=ops&metric=first_response`)).text();
    const [achieved, breached] = [await list('achieved'), await list('breached')];
    expect(achieved).toContain('1 shown (1 achieved first_response in the last 30 days, team ops)');
    expect(achieved).toContain('/tickets/FAST');
    expect(achieved).not.toContain('/tickets/SLOW');
    expect(breached).toContain('1 shown (1 breached first_response in the last 30 days, team ops)');
    expect(breached).toContain('/tickets/SLOW');
    expect(breached).not.toContain('/tickets/FAST');
  });
});

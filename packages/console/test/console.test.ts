import { gzipSync } from 'node:zlib';
import { saveConfig } from '@breachless/db';
import { type SuiteDatabase, suiteDatabase } from '@breachless/db/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLoginUrl } from '../src/index.js';
import { launchChromium, screenshot, seriousViolations, startServer } from './browser.js';

// One Chromium, one server and one migrated database for the whole file: each test is a few
// page loads in a real browser (the suite's cost is the browser, so the flows share it).
const NOW = Date.parse('2026-11-20T12:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const config = (firstResponse: string) => ({
  calendars: [],
  policies: [
    {
      id: 'std',
      calendar: '24x7',
      targets: { first_response: { '*': firstResponse } },
      warnings: ['50%'],
    },
  ],
});

const created = (ticket: string, at: number, team: string, assignee: string, priority: string) => ({
  id: `${ticket}-c`,
  ticket,
  type: 'ticket.created',
  at: iso(at),
  by: 'customer',
  fields: { status: 'new', team, assignee, priority },
});
const replied = (ticket: string, at: number) => ({
  id: `${ticket}-r`,
  ticket,
  type: 'message',
  at: iso(at),
  author: 'agent',
  public: true,
});

describe('the web console in Chromium', () => {
  const clock = { now: NOW };
  let database: SuiteDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let admin: Page;

  const link = (tenant: string, role: 'admin' | 'viewer', user: string) =>
    consoleLoginUrl(database.handle.db, {
      tenant,
      role,
      user,
      baseUrl: server.base,
      now: clock.now,
    });

  /** Opens a sign-in link and presses its button from the keyboard; returns the signed-in page. */
  async function signIn(url: string): Promise<Page> {
    const page = await (
      await browser.newContext({ viewport: { width: 1100, height: 700 } })
    ).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(url);
    // The page opens with its one button focused: Enter signs in.
    expect(await page.locator(':focus').textContent()).toBe('Sign in');
    await Promise.all([page.waitForURL(/\/at-risk$/), page.keyboard.press('Enter')]);
    return page;
  }

  beforeAll(async () => {
    database = await suiteDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    await database.handle.migrate();
    const { db } = database.handle;
    await saveConfig(db, 'acme', config('1h'), 'test');
    await saveConfig(db, 'globex', config('1h'), 'test');
    server = await startServer(db, clock);
    await server.postEvents('acme', [
      created('A-1', NOW - 30 * MIN, 'billing', 'ana', 'high'),
      created('A-2', NOW - 10 * MIN, 'support', 'bo', 'low'),
      // Answered after 90 minutes: breached under 1h, achieved under a 2h draft.
      created('A-3', NOW - 2 * 1440 * MIN, 'billing', 'ana', 'high'),
      replied('A-3', NOW - 2 * 1440 * MIN + 90 * MIN),
      created('A-4', NOW - 3 * 1440 * MIN, 'support', 'bo', 'low'),
      replied('A-4', NOW - 3 * 1440 * MIN + 20 * MIN),
    ]);
    await server.postEvents('globex', [created('G-1', NOW - 5 * MIN, 'ops', 'gus', 'high')]);
    browser = await launchChromium();
    admin = await signIn(await link('acme', 'admin', 'lead'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.release();
  });

  it('signs in with a one-time link into an HttpOnly, SameSite=Lax session; the link works once', async () => {
    expect(await admin.locator('tbody tr').count()).toBe(2);
    expect(await admin.locator('header .who').textContent()).toContain('lead (admin) · acme');
    const [cookie] = await admin.context().cookies();
    expect(cookie).toMatchObject({ name: 'breachless_session', httpOnly: true, sameSite: 'Lax' });
    // The same link again: spent.
    const url = await link('acme', 'viewer', 'v');
    await signIn(url);
    const again = await (await browser.newContext()).newPage();
    await again.goto(url);
    const res = await Promise.all([
      again.waitForResponse((r) => r.url().endsWith('/sign-in') && r.request().method() === 'POST'),
      again.click('button[type=submit]'),
    ]);
    expect(res[0].status()).toBe(401);
    expect(await again.locator('[role=alert]').textContent()).toContain('already used');
  });

  it('filters the at-risk list by team from the keyboard, as a link', async () => {
    await admin.goto(`${server.base}/t/acme/at-risk`);
    await admin.getByLabel('Team').focus();
    await admin.keyboard.type('billing');
    await Promise.all([admin.waitForURL(/team=billing/), admin.keyboard.press('Enter')]);
    expect(
      await admin
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket'))),
    ).toEqual(['A-1']);
    await screenshot(admin, 'at-risk');
  });

  it('shows a ticket that arrives while the page is open, without a reload', async () => {
    await admin.goto(`${server.base}/t/acme/at-risk`);
    await admin.locator('tbody tr').nth(1).waitFor();
    expect(await admin.locator('tbody tr').count()).toBe(2);
    // A mark on the document: still there after the update means no reload happened.
    expect(await admin.evaluate('window.sameDocument = true')).toBe(true);
    await server.postEvents('acme', [created('A-5', NOW - MIN, 'billing', 'cy', 'high')]);
    await admin.waitForSelector('tr[data-ticket="A-5"]', { timeout: 10_000 });
    expect(await admin.evaluate('window.sameDocument')).toBe(true);
  });

  it('acknowledges a cycle as the chat button does, from the keyboard', async () => {
    await admin.goto(`${server.base}/t/acme/at-risk?team=billing`);
    await admin.getByRole('button', { name: 'Acknowledge A-1 first_response' }).focus();
    // The POST answers 303 back to the same filtered page: wait for that page's GET.
    await Promise.all([
      admin.waitForResponse(
        (r) => r.url().endsWith('/at-risk?team=billing') && r.request().method() === 'GET',
      ),
      admin.keyboard.press('Enter'),
    ]);
    expect(await admin.locator('tr[data-ticket="A-1"] .ack').textContent()).toContain(
      'acknowledged by console:lead',
    );
  });

  it('checks the draft as it is typed, and a what-if shows the outcome it changes; the ticket opens', async () => {
    await admin.goto(`${server.base}/t/acme/policy`);
    const editor = admin.locator('#draft');
    const text = await editor.inputValue();
    expect(text).toContain('"*": 1h');
    await editor.fill(text.replace('"*": 1h', '"*": 4x'));
    await editor.press('End'); // an input event from the keyboard
    await editor.type(' ');
    await admin.waitForSelector('#check li');
    expect(await admin.locator('#check').textContent()).toContain(
      'policies[0].targets.first_response',
    );
    await editor.fill(text.replace('"*": 1h', '"*": 2h'));
    await editor.type('\n');
    await admin.waitForSelector('#check.ok');
    await admin.getByRole('button', { name: 'Run what-if' }).focus();
    await Promise.all([admin.waitForURL(/what-if$/), admin.keyboard.press('Enter')]);
    const changed = await admin.locator('#changed tbody tr').allTextContents();
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/A-3.*first_response.*breached.*achieved/s);
    const billing = admin.locator('#what-if tbody tr', { hasText: 'billing' });
    expect(await billing.textContent()).toMatch(/0\.0%.*100\.0%/s);
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.locator('#what-if').scrollIntoViewIfNeeded();
    await screenshot(admin, 'what-if');
    await Promise.all([admin.waitForURL(/tickets\/A-3$/), admin.click('#changed a')]);
    expect(await admin.locator('svg[role=img]').count()).toBe(1);
    // The due instant the start gave (line 1 of the list), the warning and the breach, drawn.
    expect(await admin.locator('svg[role=img] text').allTextContents()).toEqual(
      expect.arrayContaining(['1', 'W', 'B']),
    );
    expect(await admin.locator('ol.timeline').textContent()).toContain('breached');
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'ticket');
  });

  it('saves the draft as a new version by its author, with the diff, and recomputes', async () => {
    await admin.goto(`${server.base}/t/acme/policy`);
    const text = await admin.locator('#draft').inputValue();
    await admin.locator('#draft').fill(text.replace('"*": 1h', '"*": 2h'));
    await admin.getByRole('button', { name: 'Save as new version' }).focus();
    await Promise.all([admin.waitForURL(/versions\/2$/), admin.keyboard.press('Enter')]);
    expect(await admin.locator('main').textContent()).toContain('Saved by console:lead');
    expect(await admin.locator('pre.diff .add').allTextContents()).toEqual(['+         "*": 2h\n']);
    expect(await admin.locator('pre.diff .del').allTextContents()).toEqual(['-         "*": 1h\n']);
    // The recompute: A-2's first response (10 minutes in) is now due in 110 minutes.
    await admin.goto(`${server.base}/t/acme/at-risk?team=support`);
    expect(await admin.locator('tr[data-ticket="A-2"] td:nth-child(7)').textContent()).toBe(
      '1h 50m',
    );
  });

  it("refuses another tenant's URL, a viewer's save and a write without the CSRF token", async () => {
    const res = await admin.goto(`${server.base}/t/globex/at-risk`);
    expect(res?.status()).toBe(403);
    expect(await admin.locator('[role=alert]').textContent()).toContain('another tenant');
    for (const path of [
      '/t/globex/tickets/G-1',
      '/t/globex/policy',
      '/t/globex/live',
      '/t/globex/compliance',
    ])
      expect((await admin.request.get(`${server.base}${path}`)).status(), path).toBe(403);
    const noToken = await admin.request.post(`${server.base}/t/acme/policy/save`, {
      form: { draft: 'calendars: []\npolicies: []\n' },
    });
    expect(noToken.status()).toBe(403);
    const viewer = await signIn(await link('acme', 'viewer', 'vic'));
    expect(await viewer.getByRole('button', { name: 'Save as new version' }).count()).toBe(0);
    await viewer.goto(`${server.base}/t/acme/policy`);
    const csrf = await viewer.locator('meta[name=csrf-token]').getAttribute('content');
    const refused = await viewer.request.post(`${server.base}/t/acme/policy/save`, {
      form: { draft: 'calendars: []\npolicies: []\n', _csrf: csrf ?? '' },
    });
    expect(refused.status()).toBe(403);
    const signedOut = await (await browser.newContext()).newPage();
    await signedOut.goto(`${server.base}/t/acme/at-risk`);
    expect(new URL(signedOut.url()).pathname).toBe('/sign-in');
  });

  it('draws compliance with its CSV and subscriptions, with no serious accessibility violation', async () => {
    await admin.goto(`${server.base}/t/acme/compliance?days=30&by=team`);
    const rows = await admin
      .locator('#compliance tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((td) => td.textContent).join(' ')),
      );
    expect(rows).toEqual(['billing first_response 0 1 0.0%', 'support first_response 1 0 100.0%']);
    const csv = await (
      await admin.request.get(`${server.base}/t/acme/compliance?days=30&by=team&format=csv`)
    ).text();
    expect(csv.split('\n')[0]).toBe('team,metric,achieved,breached,compliance_pct');
    expect(csv).toContain('billing,first_response,0,1,0\nsupport,first_response,1,0,100\n');
    // The same figures as the API's compliance report over the same period.
    const from = new Date(NOW - 30 * 1440 * MIN).toISOString();
    const api = (await server.apiJson(
      'acme',
      `/v1/reports/compliance?from=${from}&to=${iso(NOW)}&by=team`,
    )) as {
      rows: { team: string; metric: string; achieved: number; breached: number }[];
    };
    expect(api.rows.map((r) => `${r.team},${r.metric},${r.achieved},${r.breached}`)).toEqual(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').slice(0, 4).join(',')),
    );
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'compliance');
    await admin.goto(`${server.base}/t/acme/subscriptions`);
    expect(await admin.locator('main').textContent()).toContain('No channel is subscribed yet');
    await admin.goto(`${server.base}/t/acme/at-risk`);
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it('sends under 100 KB of JavaScript, compressed, on any page', async () => {
    const js = await (await fetch(`${server.base}/assets/console.js`)).arrayBuffer();
    expect(gzipSync(Buffer.from(js)).length).toBeLessThan(100_000);
    const scripts = await admin
      .locator('script[src]')
      .evaluateAll((s) => s.map((e) => e.getAttribute('src')));
    expect(scripts).toEqual(['/assets/console.js']);
  });
});

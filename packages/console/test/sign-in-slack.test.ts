import { FakeSlack, type OidcUser } from '@breachless/chat/testing';
import { EngineCache, saveInstallation } from '@breachless/db';
import { describeEachDriver, seedTenant } from '@breachless/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsole } from '../src/index.js';

// "Sign in with Slack" against a local fake of Slack's OpenID Connect endpoints, on the wire
// Slack documents (https://docs.slack.dev/authentication/sign-in-with-slack: authorize at
// /openid/connect/authorize with scope `openid profile email`, state and nonce; the code
// exchanged at openid.connect.token; the user at openid.connect.userInfo; the id_token's
// https://slack.com/team_id and https://slack.com/user_id claims). The browser is played by
// hand: the console through app.request, Slack's authorize page through fetch.
const NOW = Date.parse('2026-11-20T12:00:00Z');
const ORIGIN = 'http://console.test';

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${name}=`) && c !== `${name}=`);

describeEachDriver('console: Sign in with Slack', (handle) => {
  const slack = new FakeSlack(() => NOW);
  let clock = NOW;
  const app = () =>
    createConsole({
      db: handle().db,
      engines: new EngineCache(),
      clock: () => NOW,
      sessionClock: () => clock,
      logger: pino({ level: 'silent' }),
      slack: {
        clientId: slack.oidc.clientId,
        clientSecret: slack.oidc.clientSecret,
        apiUrl: slack.apiUrl,
      },
    });

  /** Starts a sign-in as `who`: the state cookie and where Slack sends the browser back. */
  async function atSlack(who: OidcUser | undefined) {
    const start = await app().request(`${ORIGIN}/sign-in/slack`);
    expect(start.status).toBe(302);
    const stateCookie = cookieOf(start, 'breachless_slack_state') ?? '';
    slack.oidc.signedIn = who;
    const authorize = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    return { stateCookie, callback: authorize.headers.get('location') ?? '' };
  }
  const back = (callback: string, cookie: string) =>
    app().request(callback, { headers: { cookie } });

  beforeAll(async () => {
    await slack.start();
    const { db } = handle();
    await seedTenant(db, 'acme');
    await seedTenant(db, 'globex');
    const bot = (token: string) => ({ bot: { token } });
    await saveInstallation(db, {
      platform: 'slack',
      workspace: 'T-ACME',
      tenant: 'acme',
      installation: bot('xoxb-acme'),
    });
    await saveInstallation(db, {
      platform: 'slack',
      workspace: 'T-GLOBEX',
      tenant: 'globex',
      installation: bot('xoxb-globex'),
    });
    slack.users.set('U-ADA', { id: 'U-ADA', is_admin: true });
    slack.users.set('U-BOB', { id: 'U-BOB' });
  });
  afterAll(() => slack.stop());
  it('signs an admin of an installed workspace in to its tenant, with the documented request', async () => {
    const signInPage = await (await app().request(`${ORIGIN}/sign-in`)).text();
    expect(signInPage).toContain('href="/sign-in/slack"');
    const start = await app().request(`${ORIGIN}/sign-in/slack`);
    const asked = new URL(start.headers.get('location') ?? '');
    expect(`${asked.origin}${asked.pathname}`).toBe(
      slack.apiUrl.replace('/api/', '/openid/connect/authorize'),
    );
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({
      response_type: 'code',
      scope: 'openid profile email',
      client_id: slack.oidc.clientId,
      redirect_uri: `${ORIGIN}/sign-in/slack/callback`,
    });
    expect(asked.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    const who = { user: 'U-ADA', team: 'T-ACME', email: 'ada@acme.test', name: 'Ada' };
    const { stateCookie, callback } = await atSlack(who);
    const done = await back(callback, stateCookie);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/t/acme/at-risk');
    const session = cookieOf(done, 'breachless_session') ?? '';
    expect(done.headers.getSetCookie().join('\n')).toMatch(
      /breachless_session=.*HttpOnly.*SameSite=Lax/,
    );
    const page = await app().request(`${ORIGIN}/t/acme/policy`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('slack:ada@acme.test (admin) · acme');
    expect(html).toContain('Save as new version');
    const token = slack.of('openid.connect.token').at(-1)?.args;
    expect(token).toMatchObject({
      grant_type: 'authorization_code',
      client_secret: slack.oidc.clientSecret,
    });
    expect(slack.of('users.info').at(-1)?.args).toMatchObject({ user: 'U-ADA' });
  });

  it('signs a member who is not a workspace admin in as a viewer, refused a save', async () => {
    const { stateCookie, callback } = await atSlack({ user: 'U-BOB', team: 'T-ACME' });
    const session = cookieOf(await back(callback, stateCookie), 'breachless_session') ?? '';
    expect(session).not.toBe('');
    const page = await app().request(`${ORIGIN}/t/acme/policy`, { headers: { cookie: session } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const save = await app().request(`${ORIGIN}/t/acme/policy/save`, {
      method: 'POST',
      headers: { cookie: session },
      body: new URLSearchParams({ _csrf: csrf, draft: 'calendars: []\npolicies: []\n' }),
    });
    expect(save.status).toBe(403);
    expect(await save.text()).toContain('Only an admin may change the config.');
  });

  it('refuses a wrong state, a state from another browser and an expired one', async () => {
    const { stateCookie, callback } = await atSlack({ user: 'U-ADA', team: 'T-ACME' });
    const forged = new URL(callback);
    forged.searchParams.set('state', `${forged.searchParams.get('state')}x`);
    const wrong = await back(
      forged.href,
      `breachless_slack_state=${forged.searchParams.get('state')}`,
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('expired or was started in another browser');
    const noCookie = await back(callback, '');
    expect(noCookie.status).toBe(401);
    clock = NOW + 11 * 60_000;
    try {
      const late = await back(callback, stateCookie);
      expect(late.status).toBe(401);
      expect(cookieOf(late, 'breachless_session')).toBeUndefined();
    } finally {
      clock = NOW;
    }
    // Refused before Slack was asked: the code is still unspent, and works once.
    expect((await back(callback, stateCookie)).status).toBe(303);
  });

  it("refuses an id_token that does not carry this sign-in's nonce", async () => {
    slack.oidc.signedIn = { user: 'U-ADA', team: 'T-ACME' };
    const start = await app().request(`${ORIGIN}/sign-in/slack`);
    const stateCookie = cookieOf(start, 'breachless_slack_state') ?? '';
    const asked = new URL(start.headers.get('location') ?? '');
    asked.searchParams.set('nonce', 'another-sign-in');
    const authorize = await fetch(asked, { redirect: 'manual' });
    const res = await back(authorize.headers.get('location') ?? '', stateCookie);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('the id_token was not issued for this sign-in');
    expect(cookieOf(res, 'breachless_session')).toBeUndefined();
  });

  it('refuses a replayed callback (the same state and code) after it signed in once', async () => {
    const { stateCookie, callback } = await atSlack({ user: 'U-ADA', team: 'T-ACME' });
    expect((await back(callback, stateCookie)).status).toBe(303);
    const exchanges = slack.of('openid.connect.token').length;
    const again = await back(callback, stateCookie);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('already used');
    expect(cookieOf(again, 'breachless_session')).toBeUndefined();
    expect(slack.of('openid.connect.token')).toHaveLength(exchanges);
  });

  it('refuses a Slack team with no installation, and a cancelled sign-in, with a page saying why', async () => {
    const stray = await atSlack({ user: 'U-EVE', team: 'T-NOWHERE' });
    const res = await back(stray.callback, stray.stateCookie);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toContain('Your Slack workspace (T-NOWHERE) has no Breachless installation');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(cookieOf(res, 'breachless_session')).toBeUndefined();
    const cancelled = await atSlack(undefined);
    const no = await back(cancelled.callback, cancelled.stateCookie);
    expect(no.status).toBe(401);
    expect(await no.text()).toContain('Slack sign-in did not finish (access_denied)');
  });

  it("refuses a user of another tenant's team on this tenant's URLs", async () => {
    const { stateCookie, callback } = await atSlack({ user: 'U-BOB', team: 'T-GLOBEX' });
    const done = await back(callback, stateCookie);
    expect(done.headers.get('location')).toBe('/t/globex/at-risk');
    const session = cookieOf(done, 'breachless_session') ?? '';
    const own = await app().request(`${ORIGIN}/t/globex/at-risk`, { headers: { cookie: session } });
    expect(own.status).toBe(200);
    for (const path of ['at-risk', 'policy', 'compliance', 'subscriptions'])
      expect(
        (await app().request(`${ORIGIN}/t/acme/${path}`, { headers: { cookie: session } })).status,
        path,
      ).toBe(403);
  });
});

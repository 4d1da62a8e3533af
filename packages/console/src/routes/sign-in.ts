import { consoleSession, endConsoleSession, redeemLoginLink } from '@breachless/db';
import { HttpError } from '@breachless/http';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { ConsoleDeps } from '../context.js';
import { page } from '../html-page.js';
import { csrfMatches, SESSION_COOKIE } from '../session.js';
import { slackSignInRoutes } from './sign-in-slack.js';

const DEFAULT_SESSION_MS = 12 * 3600_000;

/**
 * `/sign-in?link=...`: the page a `breachless login-link` opens, with one button. The link is
 * spent by the POST, not by opening the page, so a mail scanner fetching it signs nobody in.
 * With Slack configured, the page offers "Sign in with Slack" too (sign-in-slack.ts).
 * `/sign-out` ends the session (with its CSRF token). `/` goes to the session's at-risk page.
 */
export function signInRoutes(deps: ConsoleDeps) {
  const sessionMs = deps.sessionMs ?? DEFAULT_SESSION_MS;
  return new Hono()
    .get('/', async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE);
      const session = cookie
        ? await consoleSession(deps.db, cookie, (deps.sessionClock ?? Date.now)())
        : undefined;
      return c.redirect(
        session ? `/t/${encodeURIComponent(session.tenant)}/at-risk` : '/sign-in',
        303,
      );
    })
    .get('/sign-in', (c) => {
      const link = c.req.query('link');
      const body = link
        ? html`<form method="post" action="/sign-in">
<input type="hidden" name="link" value="${link}">
<p>This one-time link signs you in to Breachless's console.</p>
<button type="submit" autofocus>Sign in</button>
</form>`
        : html`${deps.slack ? html`<p><a href="/sign-in/slack">Sign in with Slack</a></p>` : ''}<p>Ask your Breachless admin for a sign-in link, or run
<code>npx breachless login-link --tenant ID</code> on a machine with access to the database.</p>`;
      return c.html(page('Sign in', undefined, body));
    })
    .route('/', deps.slack ? slackSignInRoutes(deps, deps.slack) : new Hono())
    .post('/sign-in', async (c) => {
      const form = await c.req.parseBody();
      const link = typeof form.link === 'string' ? form.link : '';
      const opened = await redeemLoginLink(
        deps.db,
        link,
        (deps.sessionClock ?? Date.now)(),
        sessionMs,
      );
      if (!opened)
        throw new HttpError(401, 'This sign-in link is unknown, expired or already used.');
      setCookie(c, SESSION_COOKIE, opened.secret, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: new URL(c.req.url).protocol === 'https:',
        path: '/',
        maxAge: Math.floor(sessionMs / 1000),
      });
      return c.redirect(`/t/${encodeURIComponent(opened.session.tenant)}/at-risk`, 303);
    })
    .post('/sign-out', async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE);
      const session = cookie
        ? await consoleSession(deps.db, cookie, (deps.sessionClock ?? Date.now)())
        : undefined;
      if (cookie && session && (await csrfMatches(c, session.csrf)))
        await endConsoleSession(deps.db, cookie, (deps.sessionClock ?? Date.now)());
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.redirect('/sign-in', 303);
    });
}

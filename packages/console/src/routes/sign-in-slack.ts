import {
  type ConsoleRole,
  findInstallation,
  openConsoleSession,
  spendSignInState,
} from '@breachless/db';
import { HttpError } from '@breachless/http';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ConsoleDeps, SlackSignIn } from '../context.js';
import { SESSION_COOKIE } from '../session.js';
import {
  authorizeUrl,
  exchangeCode,
  newState,
  type SlackIdentity,
  STATE_MS,
  slackCall,
  stateValid,
} from './sign-in-slack-oidc.js';

const STATE_COOKIE = 'breachless_slack_state';
const CALLBACK = '/sign-in/slack/callback';
const DEFAULT_SESSION_MS = 12 * 3600_000;

/**
 * "Sign in with Slack" (OpenID Connect, https://docs.slack.dev/authentication/sign-in-with-slack):
 * `/sign-in/slack` sends the browser to Slack with a signed state (also set in a short-lived
 * cookie, so the answer must come back to the browser that asked) and a nonce;
 * `/sign-in/slack/callback` checks the state (ours, unexpired, this browser's, spent once on
 * any replica), exchanges the code, checks the id_token, finds the tenant of the user's Slack
 * team through the Slack app's stored installation (none: refused), and opens a session:
 * admin for the workspace's admins and owners (users.info), viewer for everyone else.
 */
export function slackSignInRoutes(deps: ConsoleDeps, slack: SlackSignIn) {
  const now = () => (deps.sessionClock ?? Date.now)();
  const sessionMs = deps.sessionMs ?? DEFAULT_SESSION_MS;
  const redirectUri = (requestUrl: string) =>
    new URL(CALLBACK, slack.consoleUrl ?? new URL(requestUrl).origin).href;
  const secure = (requestUrl: string) => new URL(redirectUri(requestUrl)).protocol === 'https:';
  return new Hono()
    .get('/sign-in/slack', (c) => {
      const state = newState(slack, now());
      setCookie(c, STATE_COOKIE, state, {
        httpOnly: true,
        // Lax: the cookie comes back on Slack's top-level redirect to the callback.
        sameSite: 'Lax',
        secure: secure(c.req.url),
        path: CALLBACK,
        maxAge: STATE_MS / 1000,
      });
      return c.redirect(authorizeUrl(slack, state, redirectUri(c.req.url)), 302);
    })
    .get(CALLBACK, async (c) => {
      const state = c.req.query('state') ?? '';
      const cookie = getCookie(c, STATE_COOKIE);
      deleteCookie(c, STATE_COOKIE, { path: CALLBACK });
      const error = c.req.query('error');
      if (error) throw new HttpError(401, `Slack sign-in did not finish (${error}).`);
      if (cookie !== state || !stateValid(slack, state, now()))
        throw new HttpError(
          401,
          'This Slack sign-in has expired or was started in another browser: sign in again.',
        );
      if (!(await spendSignInState(deps.db, state, now(), now() - 2 * STATE_MS)))
        throw new HttpError(401, 'This Slack sign-in was already used: sign in again.');
      const who = await exchangeCode(
        slack,
        c.req.query('code') ?? '',
        state,
        redirectUri(c.req.url),
        now(),
      );
      const installed =
        (await findInstallation(deps.db, 'slack', who.team)) ??
        (who.enterprise ? await findInstallation(deps.db, 'slack', who.enterprise) : null);
      if (!installed)
        throw new HttpError(
          403,
          `Your Slack workspace (${who.team}) has no Breachless installation: install the Breachless Slack app in it first, or ask your Breachless admin for a sign-in link.`,
        );
      const role = await roleOf(deps, slack, who, installed.installation);
      const opened = await openConsoleSession(
        deps.db,
        { tenant: installed.tenant, role, user: `slack:${who.label}` },
        now(),
        sessionMs,
      );
      setCookie(c, SESSION_COOKIE, opened.secret, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secure(c.req.url),
        path: '/',
        maxAge: Math.floor(sessionMs / 1000),
      });
      return c.redirect(`/t/${encodeURIComponent(installed.tenant)}/at-risk`, 303);
    });
}

/**
 * Admin when Slack says the user is an admin or owner of the workspace (users.info with the
 * installation's bot token, as /sla's manage commands decide); viewer otherwise, and when
 * that cannot be asked (the answer is logged).
 */
async function roleOf(
  deps: ConsoleDeps,
  slack: SlackSignIn,
  who: SlackIdentity,
  installation: unknown,
): Promise<ConsoleRole> {
  const token = (installation as { bot?: { token?: unknown } } | null)?.bot?.token;
  if (typeof token !== 'string') return 'viewer';
  const answer = await slackCall(slack, 'users.info', { user: who.user }, token).catch(
    () => undefined,
  );
  const user = answer?.user as
    | { is_admin?: unknown; is_owner?: unknown; is_primary_owner?: unknown }
    | undefined;
  if (answer?.ok !== true || !user) {
    deps.logger.warn(
      { team: who.team, user: who.user, error: answer?.error },
      'console sign-in: users.info failed, signed in as viewer',
    );
    return 'viewer';
  }
  return user.is_admin === true || user.is_owner === true || user.is_primary_owner === true
    ? 'admin'
    : 'viewer';
}

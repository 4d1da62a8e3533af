import { timingSafeEqual } from 'node:crypto';
import { consoleSession } from '@breachless/db';
import { HttpError } from '@breachless/http';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { ConsoleDeps, ConsoleEnv } from './context.js';

/** The session cookie's name: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export const SESSION_COOKIE = 'breachless_session';

/**
 * Every `/t/:tenant/...` page and write: a session is required (a page without one redirects
 * to the sign-in page), the URL's tenant must be the session's own (another tenant's URL is
 * refused with 403, whatever the path), and every write must carry the session's CSRF token
 * as the `_csrf` field or the `x-csrf-token` header.
 */
export function requireSession(deps: ConsoleDeps) {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie
      ? await consoleSession(deps.db, cookie, (deps.sessionClock ?? Date.now)())
      : undefined;
    if (!session) {
      if (c.req.method === 'GET' && !c.req.header('accept')?.includes('text/event-stream'))
        return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
      throw new HttpError(401, 'Sign in first: your session has ended.');
    }
    if (c.req.param('tenant') !== session.tenant)
      throw new HttpError(403, 'This page belongs to another tenant.');
    if (c.req.method !== 'GET' && !(await csrfMatches(c, session.csrf)))
      throw new HttpError(403, 'This form has expired: reload the page and try again.');
    c.set('session', session);
    await next();
  });
}

/** Whether the request carries the session's CSRF token (compared in constant time). */
export async function csrfMatches(c: Context, expected: string): Promise<boolean> {
  let given = c.req.header('x-csrf-token');
  if (given === undefined) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/')) {
      const value = (await c.req.parseBody())._csrf;
      given = typeof value === 'string' ? value : undefined;
    }
  }
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Only an admin may change the tenant's config. */
export function requireAdmin(c: Context<ConsoleEnv>): void {
  if (c.get('session').role !== 'admin')
    throw new HttpError(403, 'Only an admin may change the config.');
}

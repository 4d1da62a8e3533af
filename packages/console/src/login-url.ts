import { type ConsoleRole, createLoginLink, type Database } from '@breachless/db';

/** How long a sign-in link works: long enough to open it, short enough not to linger. */
export const LOGIN_LINK_MS = 15 * 60_000;

/**
 * Creates a one-time sign-in link for a tenant and returns the URL to open: what `breachless
 * login-link` and `npm start` print. Only a hash of it is stored.
 */
export async function consoleLoginUrl(
  db: Database,
  o: {
    tenant: string;
    role: ConsoleRole;
    user: string;
    baseUrl: string;
    now: number;
    ttlMs?: number;
  },
): Promise<string> {
  const secret = await createLoginLink(db, {
    tenant: o.tenant,
    role: o.role,
    user: o.user,
    expiresAt: o.now + (o.ttlMs ?? LOGIN_LINK_MS),
  });
  return `${o.baseUrl.replace(/\/+$/, '')}/sign-in?link=${secret}`;
}

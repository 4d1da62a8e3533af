import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, lte } from 'drizzle-orm';
import { chatReceipts, consoleLoginLinks, consoleSessions, tenants } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** What a console user may do: a viewer reads and acknowledges, an admin also changes config. */
export type ConsoleRole = 'admin' | 'viewer';

/** A signed-in console user, as every page and write checks it. */
export interface ConsoleSession {
  readonly tenant: string;
  readonly role: ConsoleRole;
  readonly user: string;
  /** The token each write must carry besides the cookie. */
  readonly csrf: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secret = () => randomBytes(32).toString('base64url');
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * Stores a one-time sign-in link's hash for a tenant (created if new) and returns its secret,
 * shown once: it signs `user` in with `role` once, before `expiresAt`.
 */
export async function createLoginLink(
  db: Database,
  link: { tenant: string; role: ConsoleRole; user: string; expiresAt: number },
): Promise<string> {
  const value = secret();
  await db.insert(tenants).values({ id: link.tenant, name: link.tenant }).onConflictDoNothing();
  await db.insert(consoleLoginLinks).values({
    secretHash: hash(value),
    tenantId: link.tenant,
    role: link.role,
    userName: link.user,
    expiresAt: new Date(link.expiresAt),
  });
  return value;
}

/**
 * Spends a sign-in link and opens a session lasting `sessionMs`: the link is marked used in
 * the same statement that checks it unused and unexpired, so two clicks open one session.
 * @returns the session and its cookie secret, or `undefined` for an unknown, used or expired link
 */
export async function redeemLoginLink(
  db: Database,
  link: string,
  now: number,
  sessionMs: number,
): Promise<{ secret: string; session: ConsoleSession } | undefined> {
  if (!SECRET.test(link)) return undefined;
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(consoleLoginLinks)
      .set({ usedAt: new Date(now) })
      .where(
        and(
          eq(consoleLoginLinks.secretHash, hash(link)),
          isNull(consoleLoginLinks.usedAt),
          gt(consoleLoginLinks.expiresAt, new Date(now)),
        ),
      )
      .returning();
    if (!spent) return undefined;
    const role = spent.role === 'admin' ? 'admin' : 'viewer';
    return openConsoleSession(
      tx,
      { tenant: spent.tenantId, role, user: spent.userName },
      now,
      sessionMs,
    );
  });
}

/**
 * Opens a session lasting `sessionMs` for a user another sign-in has already vouched for
 * ("Sign in with Slack": the Slack team's installation named the tenant), or for a
 * sign-in link just spent (in its transaction).
 * @returns the session and its cookie secret, shown once
 */
export async function openConsoleSession(
  db: Database,
  who: { tenant: string; role: ConsoleRole; user: string },
  now: number,
  sessionMs: number,
): Promise<{ secret: string; session: ConsoleSession }> {
  const value = secret();
  const session: ConsoleSession = {
    ...who,
    csrf: randomBytes(24).toString('base64url'),
    expiresAt: now + sessionMs,
  };
  await db.insert(consoleSessions).values({
    secretHash: hash(value),
    tenantId: session.tenant,
    role: session.role,
    userName: session.user,
    csrf: session.csrf,
    expiresAt: new Date(session.expiresAt),
  });
  return { secret: value, session };
}

const STATES = 'console-sign-in';

/**
 * Spends a sign-in state (an OpenID Connect `state`) the first time it is seen, on any
 * replica: its hash is claimed by a unique key (chat_receipts, platform `console-sign-in`),
 * so a replayed callback gets false. States older than `forgetBefore` are forgotten.
 */
export async function spendSignInState(
  db: Database,
  state: string,
  now: number,
  forgetBefore: number,
): Promise<boolean> {
  const claimed = await db
    .insert(chatReceipts)
    .values({ platform: STATES, id: hash(state), receivedAt: new Date(now) })
    .onConflictDoNothing()
    .returning({ id: chatReceipts.id });
  await db
    .delete(chatReceipts)
    .where(
      and(eq(chatReceipts.platform, STATES), lt(chatReceipts.receivedAt, new Date(forgetBefore))),
    );
  return claimed.length > 0;
}

/** The session of a cookie's secret, or `undefined` when unknown, ended or expired at `now`. */
export async function consoleSession(
  db: Database,
  cookie: string,
  now: number,
): Promise<ConsoleSession | undefined> {
  if (!SECRET.test(cookie)) return undefined;
  const [row] = await db
    .select()
    .from(consoleSessions)
    .where(
      and(
        eq(consoleSessions.secretHash, hash(cookie)),
        gt(consoleSessions.expiresAt, new Date(now)),
      ),
    );
  if (!row) return undefined;
  return {
    tenant: row.tenantId,
    role: row.role === 'admin' ? 'admin' : 'viewer',
    user: row.userName,
    csrf: row.csrf,
    expiresAt: row.expiresAt.getTime(),
  };
}

/** Ends a session (sign out), and forgets every session and link expired by `now`. */
export async function endConsoleSession(db: Database, cookie: string, now: number): Promise<void> {
  await db.delete(consoleSessions).where(eq(consoleSessions.secretHash, hash(cookie)));
  await db.delete(consoleSessions).where(lte(consoleSessions.expiresAt, new Date(now)));
  await db.delete(consoleLoginLinks).where(lte(consoleLoginLinks.expiresAt, new Date(now)));
}

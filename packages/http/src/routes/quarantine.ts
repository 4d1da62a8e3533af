import { listQuarantined } from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';

/** The most tickets one answer lists; `truncated` says when there are more. */
const MAX_LISTED = 500;

/**
 * `GET /v1/quarantine`: the tenant's tickets set aside because their recompute failed (a
 * stored event or config the current version cannot evaluate or store), the earliest
 * failure first, each with the error (never the ticket's data), its first and last failure
 * and how many attempts failed. The worker does not check them; a new event for the ticket or
 * a config change tries them again, and `breachless doctor --retry <tenant>` does by hand.
 */
export function quarantineRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const held = await listQuarantined(deps.db, c.get('tenant'), MAX_LISTED + 1);
    return c.json({
      tickets: held.slice(0, MAX_LISTED).map((q) => ({
        ticket: q.ticket,
        error: q.error,
        code: q.code,
        firstFailedAt: new Date(q.firstFailedAt).toISOString(),
        lastFailedAt: new Date(q.lastFailedAt).toISOString(),
        attempts: q.attempts,
      })),
      truncated: held.length > MAX_LISTED,
    });
  });
}

import { byTicket, explainJson } from '@breachless/core';
import { loadEvents, notificationLog } from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';

/** `GET /v1/tickets/{id}/sla` (the explain view, with timelines) and `GET /v1/notifications`. */
export function ticketRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/tickets/:id/sla', async (c) => {
      const tenant = c.get('tenant');
      const id = c.req.param('id');
      const now = deps.clock();
      const events = byTicket(await loadEvents(deps.db, tenant, [id]), now).get(id);
      if (!events) throw new HttpError(404, `no ticket ${id}`);
      const engine = await deps.engines.engineFor(deps.db, tenant);
      const document = explainJson(
        [engine.evaluateSorted(id, events, now, { trace: true })],
        now,
        true,
      );
      return c.json(document.tickets[0]);
    })
    .get('/notifications', async (c) => {
      const since = c.req.query('since');
      const sinceDate = since === undefined ? undefined : new Date(since);
      if (sinceDate && Number.isNaN(sinceDate.getTime()))
        throw new HttpError(400, `since: "${since}" is not an ISO-8601 instant`);
      const filter = {
        ...(c.req.query('ticket') ? { ticket: c.req.query('ticket') } : {}),
        ...(sinceDate ? { since: sinceDate } : {}),
      };
      return c.json({ notifications: await notificationLog(deps.db, c.get('tenant'), filter) });
    });
}

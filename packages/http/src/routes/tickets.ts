import { explainJson } from '@breachless/core';
import { loadEvents, notificationLog } from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { instant } from '../period-query.js';
import { readQuery } from '../query-params.js';
import { textProblem } from '../request-text.js';
import { boundedTicket, TICKET_CYCLES } from '../ticket-view.js';

/**
 * `GET /v1/tickets/{id}/sla?cycles=100` (the explain view, with timelines: every open cycle
 * and the last `cycles` closed ones, 1 to 500, with `cycleCount` and `cyclesOmitted`; each
 * timeline its last 200 entries) and `GET /v1/notifications`.
 */
export function ticketRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/tickets/:id/sla', async (c) => {
      const tenant = c.get('tenant');
      const id = c.req.param('id');
      const { values, problems } = readQuery(c.req.queries(), ['cycles']);
      const idProblem = textProblem(id);
      if (idProblem) problems.push({ path: 'id', message: idProblem });
      const limit = Number(values.cycles ?? TICKET_CYCLES.default);
      if (!Number.isInteger(limit) || limit < 1 || limit > TICKET_CYCLES.max)
        problems.push({
          path: 'cycles',
          message: `"${values.cycles}" is not a whole number from 1 to ${TICKET_CYCLES.max}`,
        });
      if (problems.length > 0) throw new HttpError(400, 'invalid request', problems);
      const now = deps.clock();
      const events = await loadEvents(deps.db, tenant, [id]);
      const engine = await deps.engines.engineFor(deps.db, tenant);
      const explained = engine.explain(id, events, now);
      const [ticket] = explained ? explainJson([explained], now, true).tickets : [];
      if (!ticket) throw new HttpError(404, `no ticket ${id}`);
      return c.json(boundedTicket(ticket, limit));
    })
    .get('/notifications', async (c) => {
      const { values, problems } = readQuery(c.req.queries(), ['since', 'ticket']);
      const since =
        values.since === undefined ? undefined : instant('since', values.since, problems);
      if (problems.length > 0) throw new HttpError(400, 'invalid query', problems);
      const filter = {
        ...(values.ticket ? { ticket: values.ticket } : {}),
        ...(since !== undefined ? { since } : {}),
      };
      return c.json({ notifications: await notificationLog(deps.db, c.get('tenant'), filter) });
    });
}

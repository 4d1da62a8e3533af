import { SNOOZE_CHOICES, type SnoozeChoice, snoozeUntil } from '@breachless/chat';
import { METRICS, parseDuration } from '@breachless/core';
import { acksOfTickets, atRiskCycles, recordAck } from '@breachless/db';
import { HttpError } from '@breachless/http';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ConsoleDeps, ConsoleEnv } from '../context.js';
import { page } from '../html-page.js';
import { type AtRiskQuery, atRiskTable, filterForm } from '../views/at-risk-view.js';

const WITHIN = ['2h', '8h', '24h', '7d', '30d'] as const;
const LIMIT = 200;

/** The filters of the query string; an empty field is no filter. */
function readQuery(q: (name: string) => string | undefined): AtRiskQuery {
  const text = (name: string) => {
    const v = q(name)?.trim();
    return v ? v : undefined;
  };
  const within = text('within') ?? '24h';
  const metric = text('metric');
  const problems: string[] = [];
  if (!(WITHIN as readonly string[]).includes(within))
    problems.push(`within: "${within}" is not one of ${WITHIN.join(', ')}`);
  if (metric !== undefined && !(METRICS as readonly string[]).includes(metric))
    problems.push(`metric: "${metric}" is not one of ${METRICS.join(', ')}`);
  if (problems.length > 0) throw new HttpError(400, problems.join('; '));
  return {
    within,
    metric,
    team: text('team'),
    agent: text('assignee'),
    priority: text('priority'),
  };
}

/**
 * `GET /t/:tenant/at-risk`: running cycles due within the chosen look-ahead, soonest first,
 * filtered by team, assignee, metric and priority (a GET form, so a filtered view is a link);
 * with `x-fragment: 1` only the table, which the page's script reloads on each live change.
 * `POST /t/:tenant/at-risk/ack`: acknowledge or snooze a cycle as the chat buttons do.
 */
export function atRiskRoutes(deps: ConsoleDeps) {
  return new Hono<ConsoleEnv>()
    .get('/', async (c) => {
      const session = c.get('session');
      const query = readQuery((n) => c.req.query(n));
      const now = Math.floor(deps.clock() / 1000) * 1000;
      const within = (parseDuration(query.within) ?? 0) * 1000;
      const cycles = await atRiskCycles(deps.db, session.tenant, {
        from: now,
        to: now + within,
        team: query.team,
        agent: query.agent,
        metric: query.metric,
        priority: query.priority,
        limit: LIMIT,
      });
      const acks = await acksOfTickets(deps.db, session.tenant, [
        ...new Set(cycles.map((x) => x.ticket)),
      ]);
      const table = atRiskTable(session, cycles, acks, now, c.req.url);
      if (c.req.header('x-fragment') === '1') return c.html(table);
      return c.html(
        page('At risk now', session, html`${filterForm(query, WITHIN)}${table}`, 'at-risk'),
      );
    })
    .post('/ack', async (c) => {
      const session = c.get('session');
      const form = await c.req.parseBody();
      const field = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
      const cycle = Number(field('cycle'));
      const action = field('action');
      const metric = field('metric');
      const ticket = field('ticket');
      if (!ticket || !(METRICS as readonly string[]).includes(metric) || !Number.isInteger(cycle))
        throw new HttpError(400, 'ticket, metric and cycle are required');
      if (action !== 'ack' && !(SNOOZE_CHOICES as readonly string[]).includes(action))
        throw new HttpError(400, `action must be ack or one of ${SNOOZE_CHOICES.join(', ')}`);
      const now = deps.clock();
      let until: number | null = null;
      if (action !== 'ack') {
        const engine = await deps.engines.engineFor(deps.db, session.tenant);
        const calendar = field('calendar');
        until = snoozeUntil(action as SnoozeChoice, now, engine.calendars.get(calendar));
      }
      await recordAck(deps.db, session.tenant, {
        ticket,
        metric,
        cycle,
        user: `console:${session.user}`,
        kind: action === 'ack' ? 'ack' : 'snooze',
        until,
      });
      const back = field('back');
      // Only a path of this tenant's console: never an open redirect.
      const safe = back.startsWith(`/t/${encodeURIComponent(session.tenant)}/`) ? back : '';
      return c.redirect(safe || `/t/${encodeURIComponent(session.tenant)}/at-risk`, 303);
    });
}

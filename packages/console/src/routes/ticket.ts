import { loadEvents } from '@breachless/db';
import { HttpError } from '@breachless/http';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ConsoleDeps, ConsoleEnv } from '../context.js';
import { page } from '../html-page.js';
import { utc } from '../views/format.js';
import { timelineSvg } from '../views/timeline-svg.js';

/** The most cycles a ticket page draws: the latest (a long ticket has thousands). */
const MAX_CYCLES = 20;

/**
 * `GET /t/:tenant/tickets/:id`: each cycle's timeline drawn beside its text explanation, the
 * one the API's `GET /v1/tickets/{id}/sla` and `/sla ticket` give (core's `explain`).
 */
export function ticketRoutes(deps: ConsoleDeps) {
  return new Hono<ConsoleEnv>().get('/:id', async (c) => {
    const { tenant } = c.get('session');
    const id = c.req.param('id');
    const now = deps.clock();
    const engine = await deps.engines.engineFor(deps.db, tenant);
    const explained = engine.explain(id, await loadEvents(deps.db, tenant, [id]), now);
    if (!explained) throw new HttpError(404, `There is no ticket ${id}.`);
    const cycles = explained.cycles.slice(-MAX_CYCLES);
    const body = html`<p>Policy <strong>${explained.policy ?? 'none'}</strong>, state ${explained.state}, as of ${utc(now)}.
Solid: the clock ran; hatched: paused or not started; dashed: a due instant it was given, numbered by the line below that gave it; W: a warning; B: the breach.</p>
${cycles.map(
  (cycle, i) => html`<section aria-labelledby="cycle-${i}">
<h2 id="cycle-${i}">${cycle.metric} #${cycle.cycle}: ${cycle.status}</h2>
<p>Target ${Math.round(cycle.targetSeconds / 60)} business minutes; ${
    cycle.dueAt !== null ? html`due ${utc(cycle.dueAt)}` : ''
  }${cycle.breachedAt !== null ? html` breached ${utc(cycle.breachedAt)}` : ''}${
    cycle.stoppedAt !== null ? html` stopped ${utc(cycle.stoppedAt)}` : ''
  }</p>
${timelineSvg(cycle, now, `c${i}`)}
<ol class="timeline">${(cycle.timeline ?? []).map(
    (e) =>
      html`<li><time datetime="${new Date(e.at).toISOString()}">${utc(e.at)}</time> ${e.kind}: ${e.detail}${
        typeof e.dueAt === 'number' ? html` (due ${utc(e.dueAt)})` : ''
      }</li>`,
  )}</ol>
</section>`,
)}`;
    return c.html(page(`Ticket ${id}`, c.get('session'), body));
  });
}

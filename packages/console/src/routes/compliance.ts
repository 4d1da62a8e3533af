import type { ReportRow } from '@breachless/core';
import { complianceRows, outcomeCycles } from '@breachless/db';
import { HttpError } from '@breachless/http';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ConsoleDeps, ConsoleEnv } from '../context.js';
import { page } from '../html-page.js';
import { complianceTable, csvOf, trendSvg } from '../views/compliance-view.js';
import { utc } from '../views/format.js';

const DAYS = [14, 30, 90] as const;
const BY = ['team', 'priority'] as const;
const DAY_MS = 86_400_000;

function readQuery(q: (name: string) => string | undefined) {
  const days = Number(q('days') ?? 30);
  const by = q('by') ?? 'team';
  if (!(DAYS as readonly number[]).includes(days) || !(BY as readonly string[]).includes(by))
    throw new HttpError(
      400,
      `days must be one of ${DAYS.join(', ')} and by one of ${BY.join(', ')}`,
    );
  return { days, by: by as (typeof BY)[number] };
}

/**
 * `GET /t/:tenant/compliance?days=30&by=team`: compliance per metric over the last 14, 30 or
 * 90 days (UTC), a daily trend per metric, by team or priority; the figures of the API's
 * compliance report and `/sla stats` (db's `complianceRows`). `format=csv` downloads the
 * table on screen. Each achieved and breached count opens the cycles behind it (`/compliance/achieved`,
 * `/compliance/breached`).
 */
export function complianceRoutes(deps: ConsoleDeps) {
  return new Hono<ConsoleEnv>()
    .get('/', async (c) => {
      const session = c.get('session');
      const { days, by } = readQuery((n) => c.req.query(n));
      const now = deps.clock();
      const period = { from: now - days * DAY_MS, to: now, timezone: 'UTC' };
      const rows: ReportRow[] = await complianceRows(
        deps.db,
        session.tenant,
        { ...period, by: [by] },
        {},
        now,
      );
      if (c.req.query('format') === 'csv')
        return c.body(csvOf(rows, by), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="compliance-${days}d-by-${by}.csv"`,
        });
      const daily = await complianceRows(
        deps.db,
        session.tenant,
        { ...period, by: ['day'] },
        {},
        now,
      );
      const base = `/t/${encodeURIComponent(session.tenant)}/compliance`;
      const choose = html`<form method="get" class="filters" aria-label="Period and grouping">
<label>Period <select name="days">${DAYS.map((d) => html`<option value="${d}"${d === days ? html` selected` : ''}>last ${d} days</option>`)}</select></label>
<label>By <select name="by">${BY.map((b) => html`<option${b === by ? html` selected` : ''}>${b}</option>`)}</select></label>
<button type="submit">Show</button>
<a href="${base}?days=${days}&amp;by=${by}&amp;format=csv">Download this table as CSV</a>
</form>`;
      return c.html(
        page(
          'Compliance',
          session,
          html`${choose}<p>${utc(period.from)} to ${utc(period.to)}.</p>${trendSvg(daily)}${complianceTable(rows, by, base, days)}`,
          'compliance',
        ),
      );
    })
    .get('/:outcome{achieved|breached}', async (c) => {
      const session = c.get('session');
      const { days } = readQuery((n) => c.req.query(n));
      const outcome = c.req.param('outcome') === 'achieved' ? 'achieved' : 'breached';
      const now = deps.clock();
      const filter = {
        team: c.req.query('team') || undefined,
        priority: c.req.query('priority') || undefined,
      };
      const metric = c.req.query('metric') || undefined;
      const { items, total } = await outcomeCycles(deps.db, session.tenant, {
        from: now - days * DAY_MS,
        to: now,
        limit: 500,
        outcome,
        metric,
        ...filter,
      });
      const base = `/t/${encodeURIComponent(session.tenant)}`;
      const title = outcome === 'achieved' ? 'Achieved cycles' : 'Breached cycles';
      return c.html(
        page(
          title,
          session,
          html`<p>${items.length} shown (${total} ${outcome}${metric ? ` ${metric}` : ''} in the last ${days} days${filter.team ? `, team ${filter.team}` : ''}${filter.priority ? `, priority ${filter.priority}` : ''}).</p>
<table><thead><tr><th scope="col">Ticket</th><th scope="col">Metric</th><th scope="col">Team</th><th scope="col">Priority</th><th scope="col">${outcome === 'achieved' ? 'Achieved' : 'Breached'}</th></tr></thead>
<tbody>${items.map((i) => html`<tr><td><a href="${base}/tickets/${encodeURIComponent(i.ticket)}">${i.ticket}</a></td><td>${i.metric}</td><td>${i.team ?? '—'}</td><td>${i.priority ?? '—'}</td><td>${utc(i.outcomeAt)}</td></tr>`)}</tbody></table>`,
          'compliance',
        ),
      );
    });
}

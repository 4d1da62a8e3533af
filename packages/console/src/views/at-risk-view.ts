import { METRICS } from '@breachless/core';
import type { AtRiskCycle, ConsoleSession, CycleAckView } from '@breachless/db';
import { html } from 'hono/html';
import { csrfField, type Fragment } from '../html-page.js';
import { span, utc } from './format.js';

/** The at-risk page's filters as read from its query string. */
export interface AtRiskQuery {
  readonly within: string;
  readonly team: string | undefined;
  readonly agent: string | undefined;
  readonly metric: string | undefined;
  readonly priority: string | undefined;
}

/** The filter form: a plain GET, so it works from the keyboard and a filtered view is a link. */
export function filterForm(q: AtRiskQuery, within: readonly string[]): Fragment {
  const text = (name: string, label: string, value: string | undefined) =>
    html`<label>${label} <input name="${name}" value="${value ?? ''}" size="12"></label>`;
  return html`<form method="get" class="filters" role="search" aria-label="Filter the at-risk list">
${text('team', 'Team', q.team)}
${text('assignee', 'Assignee', q.agent)}
<label>Metric <select name="metric"><option value="">any</option>${METRICS.map(
    (m) => html`<option${m === q.metric ? html` selected` : ''}>${m}</option>`,
  )}</select></label>
${text('priority', 'Priority', q.priority)}
<label>Due within <select name="within">${within.map(
    (w) => html`<option${w === q.within ? html` selected` : ''}>${w}</option>`,
  )}</select></label>
<button type="submit">Filter</button>
</form>`;
}

const ACTIONS = [
  ['ack', 'Acknowledge'],
  ['30m', 'Snooze 30m'],
  ['1h', 'Snooze 1h'],
  ['next-business-day', 'Snooze to next business day'],
] as const;

function ackText(acks: readonly CycleAckView[]): string {
  return acks
    .map((a) =>
      a.kind === 'ack'
        ? `acknowledged by ${a.user}`
        : `snoozed by ${a.user} until ${utc(a.until ?? 0)}`,
    )
    .join('; ');
}

/**
 * The at-risk table, inside the live region the page's script reloads: each cycle with its
 * ticket (a link to its timeline), due instant and time left, and the acknowledge and snooze
 * buttons of the chat alerts.
 */
export function atRiskTable(
  session: ConsoleSession,
  cycles: readonly AtRiskCycle[],
  acks: readonly CycleAckView[],
  now: number,
  url: string,
): Fragment {
  const base = `/t/${encodeURIComponent(session.tenant)}`;
  const back = new URL(url);
  const here = `${back.pathname}${back.search}`;
  const acksOf = (c: AtRiskCycle) =>
    acks.filter((a) => a.ticket === c.ticket && a.metric === c.metric && a.cycle === c.cycle);
  return html`<section id="live" aria-live="polite" aria-label="At-risk cycles" data-live="${base}/live">
<p class="count">${cycles.length} running cycle${cycles.length === 1 ? '' : 's'} due by the look-ahead, as of ${utc(now)}.</p>
${
  cycles.length === 0
    ? html`<p>Nothing is at risk with these filters.</p>`
    : html`<table>
<thead><tr><th scope="col">Ticket</th><th scope="col">Metric</th><th scope="col">Team</th><th scope="col">Assignee</th><th scope="col">Priority</th><th scope="col">Due</th><th scope="col">Left</th><th scope="col">Actions</th></tr></thead>
<tbody>${cycles.map(
        (c) => html`<tr data-ticket="${c.ticket}">
<td><a href="${base}/tickets/${encodeURIComponent(c.ticket)}">${c.ticket}</a></td>
<td>${c.metric}</td><td>${c.team ?? '—'}</td><td>${c.agent ?? '—'}</td><td>${c.priority ?? '—'}</td>
<td>${utc(c.dueAt)}</td><td>${span((c.dueAt - now) / 1000)}</td>
<td><form method="post" action="${base}/at-risk/ack" class="actions">${csrfField(session)}
<input type="hidden" name="ticket" value="${c.ticket}"><input type="hidden" name="metric" value="${c.metric}">
<input type="hidden" name="cycle" value="${c.cycle}"><input type="hidden" name="calendar" value="${c.calendar ?? ''}">
<input type="hidden" name="back" value="${here}">
${ACTIONS.map(([value, label]) => html`<button name="action" value="${value}" aria-label="${label} ${c.ticket} ${c.metric}">${label}</button>`)}
</form><span class="ack">${ackText(acksOf(c))}</span></td>
</tr>`,
      )}</tbody></table>`
}
</section>`;
}

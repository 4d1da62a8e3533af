import type { Problem } from '@breachless/core';
import type { ConfigVersionView, ConsoleSession } from '@breachless/db';
import { html } from 'hono/html';
import { csrfField, type Fragment } from '../html-page.js';
import { lineDiff } from '../line-diff.js';
import type { WhatIf } from '../what-if.js';
import { pct, utc } from './format.js';

/** What the workbench shows besides the editor. */
export interface WorkbenchState {
  readonly text: string;
  readonly history: readonly ConfigVersionView[];
  readonly problems?: readonly Problem[];
  readonly result?: WhatIf;
  readonly days?: number;
  /** How long the what-if took, in milliseconds. */
  readonly ms?: number;
}

const MAX_CHANGED = 200;

function problemList(problems: readonly Problem[] | undefined): Fragment {
  if (!problems || problems.length === 0) return html``;
  return html`<ul>${problems.map((p) => html`<li><code>${p.path}</code> ${p.message}</li>`)}</ul>`;
}

function delta(before: number | null, after: number | null): Fragment {
  if (before === null || after === null || before === after) return html`<td class="num">±0</td>`;
  const d = after - before;
  return html`<td class="num ${d > 0 ? 'better' : 'worse'}">${d > 0 ? '▲ +' : '▼ '}${d.toFixed(1)} pts</td>`;
}

function results(session: ConsoleSession, r: WhatIf, ms: number | undefined): Fragment {
  const base = `/t/${encodeURIComponent(session.tenant)}`;
  const shown = r.changed.slice(0, MAX_CHANGED);
  return html`<section id="what-if" aria-labelledby="what-if-title">
<h2 id="what-if-title">What-if: ${utc(r.from)} to ${utc(r.to)}</h2>
<p>${r.tickets} tickets replayed under the current config and under the draft${ms === undefined ? '' : ` in ${ms} ms`}.</p>
<table><caption>Compliance per metric and team, before and after</caption>
<thead><tr><th scope="col">Metric</th><th scope="col">Team</th><th scope="col" class="num">Before</th><th scope="col" class="num">Breached before</th><th scope="col" class="num">After</th><th scope="col" class="num">Breached after</th><th scope="col" class="num">Change</th></tr></thead>
<tbody>${r.rows.map(
    (row) => html`<tr><td>${row.metric}</td><td>${row.team ?? '(no team)'}</td>
<td class="num">${pct(row.before.compliancePct)}</td><td class="num">${row.before.breached} of ${row.before.achieved + row.before.breached}</td>
<td class="num">${pct(row.after.compliancePct)}</td><td class="num">${row.after.breached} of ${row.after.achieved + row.after.breached}</td>
${delta(row.before.compliancePct, row.after.compliancePct)}</tr>`,
  )}</tbody></table>
<h3>Cycles whose outcome would change (${r.changed.length})</h3>
${
  r.changed.length === 0
    ? html`<p>No cycle's outcome changes in this window.</p>`
    : html`<table id="changed"><thead><tr><th scope="col">Ticket</th><th scope="col">Metric</th><th scope="col">Cycle</th><th scope="col">Now</th><th scope="col">Under the draft</th></tr></thead>
<tbody>${shown.map(
        (c) =>
          html`<tr><td><a href="${base}/tickets/${encodeURIComponent(c.ticket)}">${c.ticket}</a></td><td>${c.metric}</td><td>${c.cycle}</td><td>${c.before}</td><td>${c.after}</td></tr>`,
      )}</tbody></table>${r.changed.length > MAX_CHANGED ? html`<p>The first ${MAX_CHANGED} are listed.</p>` : ''}`
}
</section>`;
}

/**
 * The workbench: the editor (checked as typed by the page's script; problems also listed
 * after a what-if or save), the what-if form, its results, save or discard, the history.
 */
export function workbench(session: ConsoleSession, s: WorkbenchState): Fragment {
  const base = `/t/${encodeURIComponent(session.tenant)}/policy`;
  const days = s.days ?? 30;
  return html`<form method="post" action="${base}/what-if" id="workbench">${csrfField(session)}
<label for="draft">Config (YAML): calendars, policies, connectors</label>
<textarea id="draft" name="draft" rows="22" spellcheck="false" data-check="${base}/check" data-check-output="check" aria-describedby="check">${s.text}</textarea>
<div id="check" role="status" aria-live="polite">${problemList(s.problems)}</div>
<p><label>What-if window <select name="days">${[7, 14, 30, 90].map(
    (d) => html`<option value="${d}"${d === days ? html` selected` : ''}>last ${d} days</option>`,
  )}</select></label>
<button type="submit">Run what-if</button>
${
  session.role === 'admin'
    ? html`<button type="submit" formaction="${base}/save">Save as new version</button>`
    : html`<span>Only an admin may save.</span>`
}
<a href="${base}">Discard the draft</a></p>
</form>
${s.result ? results(session, s.result, s.ms) : ''}
<h2>Versions</h2>
<ul>${s.history.map(
    (v) =>
      html`<li><a href="${base}/versions/${v.version}">Version ${v.version}</a> by ${v.changedBy}, ${utc(v.createdAt)}</li>`,
  )}</ul>`;
}

/** A saved version: its author, when, and its diff against the version before. */
export function versionView(
  session: ConsoleSession,
  v: { version: number; changedBy: string; createdAt: number; before: string; after: string },
): Fragment {
  const diff = lineDiff(v.before, v.after);
  return html`<p>Saved by <strong>${v.changedBy}</strong> at ${utc(v.createdAt)}.</p>
<h2>Changes from version ${v.version - 1}</h2>
${
  diff.length === 0
    ? html`<p>No change in the text.</p>`
    : html`<pre class="diff" aria-label="Diff: lines starting with + were added, - removed">${diff.map(
        (l) =>
          html`<span class="${l.op === '+' ? 'add' : l.op === '-' ? 'del' : ''}">${l.op} ${l.text}\n</span>`,
      )}</pre>`
}
<p><a href="/t/${encodeURIComponent(session.tenant)}/policy">Back to the workbench</a></p>`;
}

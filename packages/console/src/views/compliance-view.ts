import { METRICS, type ReportRow } from '@breachless/core';
import { html } from 'hono/html';
import type { Fragment } from '../html-page.js';
import { pct } from './format.js';

/**
 * The table of compliance rows, each achieved and breached count a link to the cycles behind
 * it (`base` is the compliance page's address, `days` its window).
 */
export function complianceTable(
  rows: readonly ReportRow[],
  by: string,
  base: string,
  days: number,
): Fragment {
  if (rows.length === 0) return html`<p>No cycle reached an outcome in this period.</p>`;
  return html`<table id="compliance"><caption>Compliance by ${by} and metric</caption>
<thead><tr><th scope="col">${by}</th><th scope="col">Metric</th><th scope="col" class="num">Achieved</th><th scope="col" class="num">Breached</th><th scope="col" class="num">Compliance</th></tr></thead>
<tbody>${rows.map((r) => {
    const value = r.group[by as 'team'] ?? null;
    const of = value ?? `no ${by}`;
    const link = (outcome: string) =>
      `${base}/${outcome}?days=${days}&${by}=${encodeURIComponent(value ?? '')}&metric=${r.metric}`;
    return html`<tr><td>${value ?? `(no ${by})`}</td><td>${r.metric}</td>
<td class="num"><a href="${link('achieved')}" aria-label="${r.achieved} achieved ${r.metric} cycles of ${of}">${r.achieved}</a></td>
<td class="num"><a href="${link('breached')}" aria-label="${r.breached} breached ${r.metric} cycles of ${of}">${r.breached}</a></td><td class="num">${pct(r.compliancePct)}</td></tr>`;
  })}</tbody></table>`;
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The rows on screen as CSV: the group, metric, counts and compliance. */
export function csvOf(rows: readonly ReportRow[], by: string): string {
  const lines = [[by, 'metric', 'achieved', 'breached', 'compliance_pct'].join(',')];
  for (const r of rows)
    lines.push(
      [r.group[by as 'team'] ?? null, r.metric, r.achieved, r.breached, r.compliancePct]
        .map(csvCell)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}

const MARKS = ['circle', 'square', 'triangle', 'diamond'] as const;

/**
 * Daily compliance per metric as lines on one SVG chart, each metric with its own marker
 * shape and dash (readable without colour), and a legend.
 */
export function trendSvg(daily: readonly ReportRow[]): Fragment {
  const days = [...new Set(daily.map((r) => r.group.day ?? ''))].sort();
  if (days.length === 0) return html``;
  const W = 720;
  const H = 180;
  const x = (i: number) => 40 + (days.length === 1 ? 0 : (i / (days.length - 1)) * (W - 60));
  const y = (p: number) => 10 + (1 - p / 100) * (H - 40);
  const metrics = METRICS.filter((m) => daily.some((r) => r.metric === m));
  return html`<svg role="img" aria-labelledby="trend-title" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">
<title id="trend-title">Daily compliance per metric, ${days[0]} to ${days.at(-1)}</title>
${[0, 50, 100].map((p) => html`<line x1="40" x2="${W - 20}" y1="${y(p)}" y2="${y(p)}" stroke="#ccc"/><text x="4" y="${y(p) + 4}">${p}%</text>`)}
${metrics.map((m, k) => {
  const points = days.flatMap((d, i) => {
    const row = daily.find((r) => r.metric === m && r.group.day === d);
    return row?.compliancePct == null ? [] : [[x(i), y(row.compliancePct)] as const];
  });
  return html`<polyline fill="none" stroke="#1d5c96" stroke-width="2" stroke-dasharray="${k === 0 ? '' : `${2 + 3 * k} 3`}" points="${points.map(([a, b]) => `${a},${b}`).join(' ')}"/>
${points.map(([a, b]) => mark(MARKS[k % MARKS.length] ?? 'circle', a, b))}`;
})}
<text x="40" y="${H - 8}">${days[0]}</text><text x="${W - 20}" y="${H - 8}" text-anchor="end">${days.at(-1)}</text>
</svg>
<p class="legend">${metrics.map((m, k) => html`<span>${MARKS[k % MARKS.length]}: ${m}. </span>`)}</p>`;
}

function mark(shape: (typeof MARKS)[number], x: number, y: number): Fragment {
  if (shape === 'square')
    return html`<rect x="${x - 3}" y="${y - 3}" width="6" height="6" fill="#1d5c96"/>`;
  if (shape === 'triangle')
    return html`<polygon points="${x},${y - 4} ${x - 4},${y + 3} ${x + 4},${y + 3}" fill="#1d5c96"/>`;
  if (shape === 'diamond')
    return html`<polygon points="${x},${y - 4} ${x - 4},${y} ${x},${y + 4} ${x + 4},${y}" fill="#1d5c96"/>`;
  return html`<circle cx="${x}" cy="${y}" r="3" fill="#1d5c96"/>`;
}

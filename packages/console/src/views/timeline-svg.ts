import type { CycleResult, TimelineEntry } from '@breachless/core';
import { html } from 'hono/html';
import type { Fragment } from '../html-page.js';
import { utc } from './format.js';

const WIDTH = 720;
const LEFT = 10;
const RIGHT = 10;
const BAR_Y = 30;
const BAR_H = 16;

/**
 * One cycle's timeline drawn as SVG: running spans solid, paused spans hatched (told by
 * pattern, not colour alone), a tick and letter for each warning (W) and the breach (B), and
 * each due instant the clock was given, numbered by the line of the text list that gave it (the
 * start, a resume, a retarget): the due moving with the event that moved it. The list says the
 * same in words, for every reader.
 */
export function timelineSvg(cycle: CycleResult, now: number, id: string): Fragment {
  const entries = cycle.timeline ?? [];
  const dues = entries.flatMap((e) => (typeof e.dueAt === 'number' ? [e.dueAt] : []));
  const start = cycle.startedAt;
  const end = Math.max(cycle.stoppedAt ?? now, cycle.breachedAt ?? 0, ...dues, start + 60_000);
  const x = (t: number) => LEFT + ((t - start) / (end - start)) * (WIDTH - LEFT - RIGHT);
  const spans = runningSpans(entries, cycle.stoppedAt ?? Math.min(now, end));
  const warnings = entries.filter((e) => e.kind === 'warning');
  const breach = entries.find((e) => e.kind === 'breached');
  const moves = entries.filter((e) => typeof e.dueAt === 'number');
  return html`<svg role="img" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} 90" width="${WIDTH}" height="90">
<title id="${id}-title">${cycle.metric} cycle ${cycle.cycle}: ${cycle.status}, from ${utc(start)} to ${utc(end)}</title>
<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/></pattern></defs>
<rect x="${LEFT}" y="${BAR_Y}" width="${WIDTH - LEFT - RIGHT}" height="${BAR_H}" fill="url(#${id}-hatch)"/>
${spans.map(
  ([a, b]) =>
    html`<rect x="${x(a)}" y="${BAR_Y}" width="${Math.max(1, x(b) - x(a))}" height="${BAR_H}" fill="#1d5c96"/>`,
)}
${moves.map(
  (e, k) =>
    html`<line x1="${x(e.dueAt ?? 0)}" x2="${x(e.dueAt ?? 0)}" y1="${BAR_Y - 6}" y2="${BAR_Y + BAR_H + 6}" stroke="#7a4b00" stroke-dasharray="3 2"/><text x="${x(e.dueAt ?? 0) + 2}" y="${BAR_Y + BAR_H + 16 + (k % 2) * 10}">${entries.indexOf(e) + 1}</text>`,
)}
${warnings.map(
  (e) =>
    html`<line x1="${x(e.at)}" x2="${x(e.at)}" y1="${BAR_Y - 10}" y2="${BAR_Y + BAR_H}" stroke="#a35a00" stroke-width="2"/><text x="${x(e.at) - 4}" y="${BAR_Y - 12}">W</text>`,
)}
${
  breach
    ? html`<line x1="${x(breach.at)}" x2="${x(breach.at)}" y1="${BAR_Y - 10}" y2="${BAR_Y + BAR_H + 10}" stroke="#8a1010" stroke-width="3"/><text x="${x(breach.at) - 4}" y="${BAR_Y + BAR_H + 22}">B</text>`
    : ''
}
<text x="${LEFT}" y="${BAR_Y + BAR_H + 36}">${utc(start)}</text>
<text x="${WIDTH - RIGHT}" y="${BAR_Y + BAR_H + 36}" text-anchor="end">${utc(end)}</text>
</svg>`;
}

/** The spans the clock ran, from the started, paused, resumed and stopped entries. */
function runningSpans(entries: readonly TimelineEntry[], until: number): [number, number][] {
  const spans: [number, number][] = [];
  let from: number | undefined;
  for (const e of entries) {
    if (
      (e.kind === 'started' || e.kind === 'resumed' || e.kind === 'reopened') &&
      from === undefined
    )
      from = e.at;
    else if (
      (e.kind === 'paused' || e.kind === 'stopped' || e.kind === 'cancelled') &&
      from !== undefined
    ) {
      spans.push([from, e.at]);
      from = undefined;
    }
  }
  if (from !== undefined) spans.push([from, until]);
  return spans;
}

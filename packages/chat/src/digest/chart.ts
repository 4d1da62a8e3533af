import { formatPct, metricLabel } from '../views/format.js';

/** Compliance per metric per day: what a digest's chart shows. */
export interface ComplianceSeries {
  /** Local dates, `YYYY-MM-DD`, oldest first. */
  readonly days: readonly string[];
  /** One line per metric: the day's compliance %, or null when nothing counted that day. */
  readonly lines: readonly {
    readonly metric: string;
    readonly values: readonly (number | null)[];
  }[];
  readonly goalPct: number;
}

const W = 720;
const H = 360;
const PAD = { left: 56, right: 20, top: 40, bottom: 70 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * A line chart of daily compliance as SVG (rendered to PNG by the worker), with the goal as a
 * dashed line and a gap where a day counted nothing, plus the text alternative a screen
 * reader or a text-only client gets instead.
 */
export function complianceChart(
  series: ComplianceSeries,
  title: string,
): { svg: string; alt: string } {
  const n = series.days.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (pct: number) => PAD.top + ((100 - pct) * (H - PAD.top - PAD.bottom)) / 100;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="24" font-size="16" font-weight="bold" fill="#1d3b53">${esc(title)}</text>`,
  ];
  for (const pct of [0, 25, 50, 75, 100])
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(pct)}" y2="${y(pct)}" stroke="#e3e6ea"/>`,
      `<text x="${PAD.left - 8}" y="${y(pct) + 4}" font-size="11" text-anchor="end" fill="#555">${pct}%</text>`,
    );
  parts.push(
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(series.goalPct)}" y2="${y(series.goalPct)}" stroke="#888" stroke-dasharray="6 4"/>`,
    `<text x="${W - PAD.right}" y="${y(series.goalPct) - 4}" font-size="11" text-anchor="end" fill="#555">goal ${series.goalPct}%</text>`,
  );
  series.days.forEach((day, i) => {
    parts.push(
      `<text x="${x(i)}" y="${H - PAD.bottom + 16}" font-size="11" text-anchor="middle" fill="#555">${esc(day.slice(8))}</text>`,
    );
  });
  series.lines.forEach((line, k) => {
    const color = COLORS[k % COLORS.length] ?? '#000';
    // A polyline per run of days that counted something: no line through a silent day.
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1)
        parts.push(
          `<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${run.join(' ')}"/>`,
        );
      run = [];
    };
    line.values.forEach((v, i) => {
      if (v === null) {
        flush();
        return;
      }
      run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
      parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${color}"/>`);
    });
    flush();
    const lx = PAD.left + k * 170;
    parts.push(
      `<rect x="${lx}" y="${H - 30}" width="12" height="12" fill="${color}"/>`,
      `<text x="${lx + 18}" y="${H - 20}" font-size="12" fill="#333">${esc(metricLabel(line.metric))}</text>`,
    );
  });
  parts.push('</svg>');
  const alt = `${title}: ${series.lines
    .map((l) => `${metricLabel(l.metric)} ${l.values.map((v) => formatPct(v)).join(', ')}`)
    .join(
      '; ',
    )} (days ${series.days[0] ?? ''} to ${series.days.at(-1) ?? ''}, goal ${series.goalPct}%)`;
  return { svg: parts.join(''), alt };
}

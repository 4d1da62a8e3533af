import {
  formatDuration,
  formatLocal,
  formatPct,
  formatRelative,
  metricLabel,
  truncate,
} from '../views/format.js';
import type {
  CycleListView,
  NoticeView,
  StatsView,
  SubscriptionsView,
  TicketView,
} from '../views/types.js';

/** Left-aligned columns, as a terminal shows a table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** A confirmation or an error with the usage line. */
export function noticeText(v: NoticeView): string {
  const mark = v.tone === 'error' ? '✖ ' : v.tone === 'success' ? '✔ ' : '';
  return `${mark}${v.text}${v.usage ? `\nUsage: ${v.usage}` : ''}`;
}

/** `/sla stats`: one line per group and metric. */
export function statsText(v: StatsView): string {
  const title = `SLA compliance, ${v.period}${v.filters.length ? ` (${v.filters.join(' ')})` : ''}`;
  if (v.lines.length === 0) return `${title}\nNo cycle reached its outcome in this period.`;
  // By metric, the metric column is the group.
  const by = v.by === 'metric' ? null : v.by;
  const rows = v.lines.map((l) => [
    ...(by ? [l.group ?? '(none)'] : []),
    metricLabel(l.metric),
    String(l.achieved),
    String(l.breached),
    formatPct(l.compliancePct),
    l.achievedP50 === null ? '' : formatDuration(l.achievedP50),
  ]);
  const header = [...(by ? [by] : []), 'metric', 'achieved', 'breached', 'compliance', 'median'];
  return `${title}\n${table(header, rows)}`;
}

/** Rows a terminal list shows before "and N more": a screenful, not the 200 a query returns. */
export const TEXT_LIST_ROWS = 20;

/** `/sla at-risk` and `/sla breached`: a screenful of rows, then "and N more" when cut. */
export function cycleListText(v: CycleListView): string {
  if (v.items.length === 0) return `${v.title}\nNothing.`;
  const rows = v.items
    .slice(0, TEXT_LIST_ROWS)
    .map((i) => [
      i.ticket,
      metricLabel(i.metric),
      i.priority ?? '',
      i.team ?? '',
      `${v.kind === 'at-risk' ? 'due' : 'breached'} ${formatRelative(i.at, v.now)}`,
    ]);
  const more = v.total > rows.length ? `\nand ${v.total - rows.length} more` : '';
  return `${v.title}\n${table(['ticket', 'metric', 'priority', 'team', 'when'], rows)}${more}`;
}

/** `/sla ticket ID`: each cycle and its timeline. */
export function ticketText(v: TicketView): string {
  const head = `Ticket ${v.ticket}${v.policy ? ` (policy ${v.policy})` : ''}`;
  if (v.cycles.length === 0) return `${head}\nNo SLA cycle.`;
  const cycles = v.cycles.map((c) => {
    const target = c.targetSeconds === null ? '' : ` of ${formatDuration(c.targetSeconds)}`;
    const due = c.dueAt === null ? '' : `, due ${formatLocal(c.dueAt, v.zone)}`;
    const timeline = c.timeline.map(
      (t) => `    ${formatLocal(t.at, v.zone)}  ${t.kind}${t.detail ? `: ${t.detail}` : ''}`,
    );
    return [
      `  ${metricLabel(c.metric)} #${c.cycle}: ${c.status}, ${formatDuration(c.elapsedSeconds)}${target}${due}`,
      ...timeline,
    ].join('\n');
  });
  return [head, ...cycles].join('\n');
}

/** `/sla subscriptions`. */
export function subscriptionsText(v: SubscriptionsView): string {
  if (v.items.length === 0) return 'This channel has no subscription.';
  return table(
    ['id', 'kind', 'what', 'failed'],
    v.items.map((s) => [
      s.id,
      s.kind,
      s.description,
      s.failed ? `${s.failed} (${truncate(s.lastError ?? '', 60)})` : '',
    ]),
  );
}

import { type CycleResult, formatDuration, type TicketResult } from '@breachless/core';
import { table } from './table.js';

type Local = (at: number | null) => string;

function warnings(c: CycleResult): string {
  return c.warningsFired.length ? c.warningsFired.join(', ') : '-';
}

function stoppedOrDue(c: CycleResult, local: Local): string {
  if (c.stoppedAt !== null) return `stopped ${local(c.stoppedAt)}`;
  if (c.dueAt !== null) return `due ${local(c.dueAt)}`;
  if (c.status === 'paused') return `paused, ${formatDuration(c.remainingSeconds)} left`;
  return 'open';
}

/** The cycles of one ticket as a table, then each cycle's timeline: why its due time is what it is. */
export function explainTicketText(ticket: TicketResult, local: Local): string {
  const head = `${ticket.ticket}  policy ${ticket.policy ?? '(none matches)'}  ${ticket.state}`;
  if (ticket.cycles.length === 0) return `${head}\n  no measured cycles`;
  const rows = ticket.cycles.map((c) => [
    c.metric,
    c.cycle,
    c.status,
    local(c.startedAt),
    stoppedOrDue(c, local),
    `${formatDuration(c.elapsedSeconds)} / ${formatDuration(c.targetSeconds)}`,
    c.breachedAt === null ? '-' : local(c.breachedAt),
    warnings(c),
  ]);
  const cyclesTable = table(
    [
      'metric',
      '#',
      'status',
      'started',
      'stopped / due',
      'elapsed / target',
      'breached',
      'warnings',
    ],
    rows,
  );
  const timelines = ticket.cycles.map((c) => {
    const lines = (c.timeline ?? []).map((entry) => {
      const due =
        entry.dueAt === undefined
          ? ''
          : entry.dueAt === null
            ? '  (no due time while paused)'
            : `  -> due ${local(entry.dueAt)}`;
      return `    ${local(entry.at)}  ${entry.kind.padEnd(10)}  ${entry.detail}${due}`;
    });
    return [`  ${c.metric} #${c.cycle}`, ...lines].join('\n');
  });
  return [head, indent(cyclesTable), '', ...timelines].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

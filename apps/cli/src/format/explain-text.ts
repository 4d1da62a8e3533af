import {
  type CycleResult,
  formatDuration,
  type TicketEvent,
  type TicketResult,
  type TimelineEntry,
} from '@breachless/core';
import { describeChange, ticketFieldsLine } from './fields.js';
import type { LocalTime } from './local-time.js';
import { table } from './table.js';

/** What the text view needs besides the ticket: a clock face and the events by id. */
interface ExplainTextContext {
  readonly local: LocalTime;
  /** The events by id, to say which change of the ticket caused a retarget. */
  readonly events: ReadonlyMap<string, TicketEvent>;
}

function stoppedOrDue(c: CycleResult, local: LocalTime): string {
  if (c.stoppedAt !== null) return `stopped ${local(c.stoppedAt)}`;
  if (c.dueAt !== null) return `due ${local(c.dueAt)}`;
  // A paused cycle has no due instant (pauses to come are unknown), only its time left.
  if (c.status === 'paused') return `paused, ${formatDuration(c.remainingSeconds)} left`;
  // Open and breached: the due instant is past, and shown under "breached".
  return 'open';
}

function cyclesTable(ticket: TicketResult, local: LocalTime): string {
  const rows = ticket.cycles.map((c) => [
    c.metric,
    c.cycle,
    c.status,
    local(c.startedAt),
    stoppedOrDue(c, local),
    `${formatDuration(c.elapsedSeconds)} / ${formatDuration(c.targetSeconds)}`,
    local(c.breachedAt),
    c.warningsFired.join(', '),
  ]);
  const header = ['metric', '#', 'status', 'started', 'stopped / due', 'elapsed / target'];
  return table([...header, 'breached', 'warnings'], rows);
}

function timelineLine(entry: TimelineEntry, context: ExplainTextContext, width: number): string {
  const { local } = context;
  let due = '';
  if (entry.dueAt === null) due = '  (no due time while paused)';
  else if (entry.dueAt !== undefined) due = `  -> due ${local(entry.dueAt)}`;
  // Pause, resume, reopen and stop entries already name the status that caused them.
  const explains = entry.kind === 'retargeted' || entry.detail.includes('restart');
  const change = explains ? describeChange(context.events.get(entry.eventId ?? '')) : undefined;
  const cause = change === undefined ? '' : `  [${change}]`;
  const when = local(entry.at).padEnd(width);
  return `    ${when}  ${entry.kind.padEnd(10)}  ${entry.detail}${due}${cause}`;
}

/**
 * One ticket for people: a heading with its policy and state, the fields that chose the
 * policy, a table of its cycles, then each cycle's timeline, which is the answer to "why is
 * it due then": what started, paused, resumed, retargeted or stopped it, and where the due
 * instant went each time.
 */
export function explainTicketText(ticket: TicketResult, context: ExplainTextContext): string {
  const subject = ticket.fields.subject ? `  "${ticket.fields.subject}"` : '';
  const lines = [
    `${ticket.ticket}${subject}  policy ${ticket.policy ?? '(none matches)'}  ${ticket.state}`,
  ];
  const fields = ticketFieldsLine(ticket.fields);
  if (fields) lines.push(`  ${fields}`);
  if (ticket.cycles.length === 0) return [...lines, '  no measured cycles'].join('\n');
  lines.push('', indent(cyclesTable(ticket, context.local)));
  // One width for the ticket's timelines, so an instant with seconds does not jag the column.
  const entries = ticket.cycles.flatMap((c) => c.timeline ?? []);
  const width = Math.max(0, ...entries.map((e) => context.local(e.at).length));
  for (const c of ticket.cycles) {
    lines.push('', `  ${c.metric} #${c.cycle}`);
    for (const entry of c.timeline ?? []) lines.push(timelineLine(entry, context, width));
  }
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

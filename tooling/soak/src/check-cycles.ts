import type { CycleResult } from '@breachless/core';
import type { CheckInput, Count, Problem } from './check-types.js';
import type { StoredCycle, TicketTruth } from './truth.js';

const ms = (d: Date | null) => (d === null ? null : d.getTime());
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * What a stored row must say of a cycle, field by field, read straight from the core's
 * answer (not with the database's own row code, which is what is being checked).
 */
function differences(row: StoredCycle, c: CycleResult): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['status', row.status, c.status],
    ['policy', row.policy, c.policy],
    ['calendar', row.calendar, c.calendar],
    ['targetSeconds', row.targetSeconds, c.targetSeconds],
    ['elapsedSeconds', row.elapsedSeconds, c.elapsedSeconds],
    ['startedAt', ms(row.startedAt), c.startedAt],
    ['stoppedAt', ms(row.stoppedAt), c.stoppedAt],
    ['dueAt', ms(row.dueAt), c.dueAt],
    ['breachedAt', ms(row.breachedAt), c.breachedAt],
    ['outcomeAt', ms(row.outcomeAt), c.outcomeAt],
    ['warningsFired', row.warningsFired.join(','), c.warningsFired.join(',')],
    [
      'fired',
      row.fired.map((f) => `${f.level}@${Date.parse(f.at)}`).join(','),
      c.fired.map((f) => `${f.level}@${f.at}`).join(','),
    ],
    ['nextCheckAt', ms(row.nextCheckAt), c.nextLevel?.at ?? null],
    ['team', row.team, text(c.fields.team)],
    ['agent', row.agent, text(c.fields.assignee)],
    ['priority', row.priority, text(c.fields.priority)],
    ['channel', row.channel, text(c.fields.channel)],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([f, a, b]) => `${f} ${a} (core ${b})`);
}

/**
 * Every ticket's stored cycle rows against the core's answer at the ticket's last
 * evaluation (the latest instant the ticket or any of its rows says it was evaluated), which
 * must come after its last event: a row never recomputed after a later event is wrong there
 * even though it was right when written. Rows the core lacks, cycles without a row and rows
 * of tickets with no events are problems too.
 */
export function checkCycles(
  input: CheckInput,
  truths: ReadonlyMap<string, TicketTruth>,
  count: Count,
  problem: Problem,
): void {
  const rowsByTicket = new Map<string, StoredCycle[]>();
  for (const row of input.cycles) {
    const list = rowsByTicket.get(row.ticketId);
    if (list) list.push(row);
    else rowsByTicket.set(row.ticketId, [row]);
  }
  for (const [ticket, truth] of truths) {
    const rows = rowsByTicket.get(ticket) ?? [];
    rowsByTicket.delete(ticket);
    const evaluatedAt = Math.max(
      input.evaluatedAt.get(ticket) ?? Number.NEGATIVE_INFINITY,
      ...rows.map((r) => r.evaluatedAt.getTime()),
    );
    if (evaluatedAt < truth.lastEventAt) {
      problem(
        'ticket not evaluated after its last event',
        `${ticket}: last evaluated ${iso(evaluatedAt)}, last event ${iso(truth.lastEventAt)}`,
      );
      continue;
    }
    count('tickets checked');
    const core = new Map(
      (truth.at(evaluatedAt)?.cycles ?? []).map((c) => [`${c.metric}|${c.cycle}`, c]),
    );
    for (const row of rows) {
      count('cycles checked');
      const key = `${row.metric}|${row.cycle}`;
      const c = core.get(key);
      core.delete(key);
      if (!c) problem('cycle the core does not have', `${ticket} ${key}`);
      else {
        const wrong = differences(row, c);
        if (wrong.length > 0)
          problem('cycle wrong', `${ticket} ${key} at ${iso(evaluatedAt)}: ${wrong.join('; ')}`);
      }
    }
    for (const key of core.keys()) problem('cycle missing', `${ticket} ${key}`);
  }
  for (const ticket of rowsByTicket.keys()) problem('cycle of no ticket', ticket);
}

const iso = (at: number) => (Number.isFinite(at) ? new Date(at).toISOString() : 'never');

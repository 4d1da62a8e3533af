import type { Cycle } from './cycle.js';
import type { TicketMachine } from './ticket.js';
import type { CycleResult, CycleStatus, TicketResult } from './types.js';

/** Whether a cycle is shown and counted: it has a target, and did not stop the instant it started. */
function isReported(cycle: Cycle): boolean {
  return cycle.target !== null && cycle.stoppedAt !== cycle.startedAt;
}

function statusOf(cycle: Cycle): CycleStatus {
  if (cycle.outcome === 'cancelled') return 'cancelled';
  if (cycle.breachedAt !== null) return 'breached';
  if (!cycle.isOpen) return 'achieved';
  return cycle.isRunning ? 'running' : 'paused';
}

/** A cycle's state at `now`, the shape `explain` and every report read. */
function cycleResult(cycle: Cycle, now: number, fields: CycleResult['fields']): CycleResult {
  const status = statusOf(cycle);
  const target = cycle.target ?? 0;
  const elapsed = cycle.elapsedAt(cycle.stoppedAt ?? now);
  const breachedAt = status === 'breached' ? cycle.breachedAt : null;
  const outcomeAt = status === 'achieved' ? cycle.stoppedAt : breachedAt;
  return {
    metric: cycle.metric,
    cycle: cycle.number,
    status,
    startedAt: cycle.startedAt,
    stoppedAt: cycle.stoppedAt,
    targetSeconds: target,
    elapsedSeconds: elapsed,
    dueAt: status === 'running' ? cycle.dueAt(now) : null,
    remainingSeconds: Math.max(0, target - elapsed),
    breachedAt,
    warningsFired: cycle.fired.filter((f) => f.level !== 'breach').map((f) => f.level),
    fired: cycle.fired,
    nextLevel: status === 'running' ? cycle.nextLevel(now) : null,
    policy: cycle.policy?.id ?? null,
    contract: cycle.terms?.contract ?? null,
    contractVersion: cycle.terms?.version.version ?? null,
    calendar: cycle.calendar?.id ?? null,
    outcomeAt,
    fields: cycle.outcomeFields ?? fields,
    ...(cycle.timeline ? { timeline: cycle.timeline } : {}),
  };
}

/**
 * A ticket's state at `now`, with its reported cycles in the order they started: all of
 * them, or the given ones (open cycles already run up to `now`).
 */
export function ticketResult(
  machine: TicketMachine,
  now: number,
  cycles: readonly Cycle[] = machine.cycles,
): TicketResult {
  const state = machine.deleted
    ? 'deleted'
    : machine.status === 'closed'
      ? 'closed'
      : machine.status === 'solved'
        ? 'solved'
        : 'open';
  return {
    ticket: machine.id,
    policy: machine.policy?.id ?? null,
    fields: machine.fields,
    state,
    cycles: cycles.filter(isReported).map((c) => cycleResult(c, now, machine.fields)),
    contact: machine.contact,
  };
}

import type { CycleResult, TicketResult } from '@breachless/core';
import type { cycles } from '../schema/index.js';

type CycleRow = typeof cycles.$inferInsert;

const date = (at: number | null) => (at === null ? null : new Date(at));
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * A cycle as the core evaluated it at `evaluatedAt` (epoch milliseconds), as a row;
 * `nextCheckAt` is when a level comes next.
 */
export function cycleRow(
  tenant: string,
  ticket: TicketResult,
  c: CycleResult,
  evaluatedAt: number,
): CycleRow {
  return {
    tenantId: tenant,
    ticketId: ticket.ticket,
    metric: c.metric,
    cycle: c.cycle,
    status: c.status,
    policy: c.policy,
    calendar: c.calendar,
    targetSeconds: c.targetSeconds,
    elapsedSeconds: c.elapsedSeconds,
    startedAt: new Date(c.startedAt),
    stoppedAt: date(c.stoppedAt),
    dueAt: date(c.dueAt),
    breachedAt: date(c.breachedAt),
    outcomeAt: date(c.outcomeAt),
    warningsFired: [...c.warningsFired],
    fired: c.fired.map((f) => ({ level: f.level, at: new Date(f.at).toISOString() })),
    nextCheckAt: date(c.nextLevel?.at ?? null),
    team: text(c.fields.team),
    agent: text(c.fields.assignee),
    priority: text(c.fields.priority),
    channel: text(c.fields.channel),
    organization: text(c.fields.organization),
    requester: text(c.fields.requester),
    contract: c.contract,
    evaluatedAt: new Date(evaluatedAt),
  };
}

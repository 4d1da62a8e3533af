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

/**
 * A cycle row as replaceCycles sends it: the cells of `cycleRow`'s row in the statement's
 * column order, instants as epoch milliseconds. Built straight from the core's result: a
 * tick wrote 1,000 rows a batch through row objects of six Dates each, only to turn every
 * Date back into its number (a tenth of what a batch allocated).
 */
export function cycleCells(ticket: TicketResult, c: CycleResult, evaluatedAt: number): CycleCells {
  return [
    ticket.ticket,
    c.metric,
    c.cycle,
    c.status,
    c.policy,
    c.calendar,
    c.targetSeconds,
    c.elapsedSeconds,
    c.startedAt,
    c.stoppedAt,
    c.dueAt,
    c.breachedAt,
    c.outcomeAt,
    c.warningsFired,
    c.fired.map((f) => ({ level: f.level, at: new Date(f.at).toISOString() })),
    c.nextLevel?.at ?? null,
    text(c.fields.team),
    text(c.fields.assignee),
    text(c.fields.priority),
    text(c.fields.channel),
    evaluatedAt,
    text(c.fields.organization),
    text(c.fields.requester),
    c.contract,
  ];
}

/** A row's cells in replaceCycles' order: key, status and figures, instants, fields. */
export type CycleCells = readonly [
  ticketId: string,
  metric: string,
  cycle: number,
  status: string,
  policy: string | null | undefined,
  calendar: string | null | undefined,
  targetSeconds: number | null | undefined,
  elapsedSeconds: number,
  startedAt: number | null,
  stoppedAt: number | null,
  dueAt: number | null,
  breachedAt: number | null,
  outcomeAt: number | null,
  warningsFired: readonly string[],
  fired: readonly { level: string; at: string }[],
  nextCheckAt: number | null,
  team: string | null | undefined,
  agent: string | null | undefined,
  priority: string | null | undefined,
  channel: string | null | undefined,
  evaluatedAt: number | null,
  organization: string | null,
  requester: string | null,
  contract: string | null,
];

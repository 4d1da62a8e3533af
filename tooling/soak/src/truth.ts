import type { CycleResult, Engine, TicketEvent, TicketResult } from '@breachless/core';
import { cycleRow } from '@breachless/db';

/** An event as the database holds it: with its order and instant of arrival. */
export interface StoredEvent {
  readonly event: TicketEvent;
  readonly seq: number;
  readonly receivedAt: number;
}

/** A cycle row reduced to what can be compared: instants as milliseconds, no evaluation time. */
export type CycleShape = Record<string, string | number | null | readonly unknown[]>;

/** The identity of a notification: one level of one cycle. */
export const levelKey = (ticket: string, metric: string, cycle: number, level: string) =>
  `${ticket}|${metric}|${cycle}|${level}`;

const ms = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.getTime() : Date.parse(String(v));

/** A cycles row (from the database, or `cycleRow` of the core's result) in comparable form. */
export function cycleShape(row: Record<string, unknown>): CycleShape {
  const fired = (row.fired as { level: string; at: string }[]).map((f) => `${f.level}@${ms(f.at)}`);
  return {
    metric: String(row.metric),
    cycle: Number(row.cycle),
    status: String(row.status),
    policy: (row.policy as string | null) ?? null,
    calendar: (row.calendar as string | null) ?? null,
    targetSeconds: Number(row.targetSeconds),
    elapsedSeconds: Number(row.elapsedSeconds),
    startedAt: ms(row.startedAt),
    stoppedAt: ms(row.stoppedAt),
    dueAt: ms(row.dueAt),
    breachedAt: ms(row.breachedAt),
    outcomeAt: ms(row.outcomeAt),
    warningsFired: [...(row.warningsFired as string[])],
    fired,
    nextCheckAt: ms(row.nextCheckAt),
    team: (row.team as string | null) ?? null,
    agent: (row.agent as string | null) ?? null,
    priority: (row.priority as string | null) ?? null,
    channel: (row.channel as string | null) ?? null,
  };
}

/**
 * The core's answers for one ticket, from the events the database stored: its cycles at an
 * instant, the levels it fires, and what was known at an earlier instant.
 */
export class TicketTruth {
  readonly #events: readonly StoredEvent[];

  constructor(
    private readonly engine: Engine,
    readonly ticket: string,
    events: readonly StoredEvent[],
  ) {
    this.#events = [...events].sort((a, b) => a.seq - b.seq);
  }

  /** The ticket at `now` from every stored event. */
  at(now: number): TicketResult | undefined {
    return this.#evaluate(this.#events, now);
  }

  /** The cycle rows the core makes of the ticket at `now`, in comparable form. */
  rowsAt(now: number): Map<string, CycleShape> {
    const result = this.at(now);
    const rows = new Map<string, CycleShape>();
    for (const c of result?.cycles ?? [])
      rows.set(
        `${c.metric}|${c.cycle}`,
        cycleShape(cycleRow('', result as TicketResult, c, new Date(now))),
      );
    return rows;
  }

  /**
   * Whether the level fired at `levelAt` follows from some state of knowledge the system had
   * when it created the notification at `createdAt`: the events received by then, less any
   * received in the 2 s before (a transaction's instant is its start, and what it saw is
   * what had committed when it looked; ingest transactions last milliseconds).
   */
  firedOnKnowledge(
    n: { metric: string; cycle: number; level: string; at: number },
    createdAt: number,
  ): boolean {
    let known = this.#events.filter((e) => e.receivedAt <= createdAt + 1_000).length;
    for (; known >= 0; known--) {
      const last = this.#events[known - 1];
      const result = this.#evaluate(this.#events.slice(0, known), createdAt + 1_000);
      const cycle = result?.cycles.find((c) => c.metric === n.metric && c.cycle === n.cycle);
      if (cycle && firedAt(cycle, n.level) === n.at) return true;
      if (!last || last.receivedAt < createdAt - 2_000) return false;
    }
    return false;
  }

  #evaluate(events: readonly StoredEvent[], now: number): TicketResult | undefined {
    return this.engine.evaluate(
      events.map((e) => e.event),
      now,
    )[0];
  }
}

/** The instant a cycle fired `level`, if it did. */
export function firedAt(cycle: CycleResult, level: string): number | undefined {
  return cycle.fired.find((f) => f.level === level)?.at;
}

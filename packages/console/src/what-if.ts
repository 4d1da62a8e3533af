import {
  byTicket,
  complianceReport,
  type Engine,
  type TicketEvent,
  type TicketResult,
} from '@breachless/core';

/** Compliance of one metric and team under one config. */
export interface Figures {
  readonly achieved: number;
  readonly breached: number;
  readonly compliancePct: number | null;
}

/** One metric and team, before (the current config) and after (the draft). */
export interface WhatIfRow {
  readonly metric: string;
  readonly team: string | null;
  readonly before: Figures;
  readonly after: Figures;
}

/** A cycle whose outcome in the window differs under the draft. */
export interface ChangedCycle {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  /** `achieved`, `breached`, `running`..., or `not measured` when the config has no such cycle. */
  readonly before: string;
  readonly after: string;
}

/** What a draft config would have done to a window's tickets. */
export interface WhatIf {
  readonly from: number;
  readonly to: number;
  readonly tickets: number;
  readonly rows: readonly WhatIfRow[];
  readonly changed: readonly ChangedCycle[];
}

const NONE: Figures = { achieved: 0, breached: 0, compliancePct: null };

/**
 * Replays the same stored events under the current config and under a draft, with the pure
 * core, and compares compliance in `[from, to)` per metric and team (semantics.md section 7:
 * a cycle counts at its outcome instant) and each cycle's outcome. Both sides are evaluated
 * here, not read back from stored cycles, so the comparison is like for like.
 */
export function whatIf(
  events: readonly TicketEvent[],
  current: Engine,
  draft: Engine,
  from: number,
  to: number,
): WhatIf {
  // Grouped and ordered once for both configs (what `evaluate` would do twice).
  const tickets = [...byTicket(events, to)];
  const before = tickets.map(([id, list]) => current.evaluateSorted(id, list, to));
  const after = tickets.map(([id, list]) => draft.evaluateSorted(id, list, to));
  const report = (tickets: TicketResult[]) =>
    new Map(
      complianceReport(tickets, { from, to, by: ['team'] }).map((r) => [
        JSON.stringify([r.metric, r.group.team ?? null]),
        r,
      ]),
    );
  const b = report(before);
  const a = report(after);
  const rows = [...new Set([...b.keys(), ...a.keys()])].sort().map((key) => {
    const [metric, team] = JSON.parse(key) as [string, string | null];
    const figures = (r: Figures | undefined): Figures =>
      r ? { achieved: r.achieved, breached: r.breached, compliancePct: r.compliancePct } : NONE;
    return { metric, team, before: figures(b.get(key)), after: figures(a.get(key)) };
  });
  return {
    from,
    to,
    tickets: before.length,
    rows,
    changed: changedCycles(before, after, from, to),
  };
}

/** The outcome a cycle shows in the window: its status when it counts or is still open. */
function outcomes(results: readonly TicketResult[], from: number, to: number) {
  const map = new Map<string, string>();
  for (const t of results)
    for (const c of t.cycles) {
      const counted = c.outcomeAt !== null && c.outcomeAt >= from && c.outcomeAt < to;
      const open = c.status === 'running' || c.status === 'paused';
      if (counted || open) map.set(`${t.ticket}\u0000${c.metric}\u0000${c.cycle}`, c.status);
    }
  return map;
}

function changedCycles(
  before: readonly TicketResult[],
  after: readonly TicketResult[],
  from: number,
  to: number,
): ChangedCycle[] {
  const b = outcomes(before, from, to);
  const a = outcomes(after, from, to);
  const changed: ChangedCycle[] = [];
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    const was = b.get(key) ?? 'not measured';
    const is = a.get(key) ?? 'not measured';
    if (was === is) continue;
    const [ticket = '', metric = '', cycle = '0'] = key.split('\u0000');
    changed.push({ ticket, metric, cycle: Number(cycle), before: was, after: is });
  }
  return changed.sort((x, y) =>
    x.ticket === y.ticket
      ? x.metric.localeCompare(y.metric) || x.cycle - y.cycle
      : x.ticket < y.ticket
        ? -1
        : 1,
  );
}

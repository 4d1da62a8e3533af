import { formatInstant } from '../time/instant.js';
import type { CycleResult, TicketResult, TimelineEntry } from './types.js';

const iso = (at: number | null) => (at === null ? null : formatInstant(at));

/** A cycle in the `explain --json` shape of formats.md; `timeline` only when asked for. */
export function cycleJson(c: CycleResult, withTimeline = false) {
  return {
    metric: c.metric,
    cycle: c.cycle,
    status: c.status,
    startedAt: formatInstant(c.startedAt),
    stoppedAt: iso(c.stoppedAt),
    targetSeconds: c.targetSeconds,
    elapsedSeconds: c.elapsedSeconds,
    dueAt: iso(c.dueAt),
    breachedAt: iso(c.breachedAt),
    warningsFired: [...c.warningsFired],
    // Only where a contract measures the cycle: the formats.md shape is unchanged otherwise.
    ...(c.contract !== null ? { contract: c.contract, contractVersion: c.contractVersion } : {}),
    ...(withTimeline && c.timeline ? { timeline: c.timeline.map(timelineJson) } : {}),
  };
}

function timelineJson(entry: TimelineEntry) {
  return {
    at: formatInstant(entry.at),
    kind: entry.kind,
    detail: entry.detail,
    ...(entry.eventId ? { eventId: entry.eventId } : {}),
    ...(entry.dueAt !== undefined ? { dueAt: iso(entry.dueAt) } : {}),
  };
}

/** The `explain --json` document: every ticket's cycles at `at`. */
export function explainJson(results: readonly TicketResult[], at: number, withTimeline = false) {
  return {
    at: formatInstant(at),
    tickets: results.map((t) => ({
      ticket: t.ticket,
      policy: t.policy,
      cycles: t.cycles.map((c) => cycleJson(c, withTimeline)),
    })),
  };
}

import type { explainJson } from '@breachless/core';

type TicketJson = ReturnType<typeof explainJson>['tickets'][number];

/** The most closed cycles `GET /v1/tickets/{id}/sla` returns by default, and at most. */
export const TICKET_CYCLES = { default: 100, max: 500 };
/** The most timeline entries a returned cycle carries: its latest. */
export const MAX_TIMELINE = 200;

/**
 * A ticket's explain view with every cycle still open (not stopped) and the last `limit`
 * closed ones, in their order, each with its last `MAX_TIMELINE` timeline entries, and counts
 * of what was left out. A ticket of 40,000 events has thousands of closed cycles and
 * timelines of thousands of entries: 10 MB whole, while a helpdesk's sidebar shows the
 * cycles running now and the latest history.
 */
export function boundedTicket(ticket: TicketJson, limit: number) {
  let closedLeft = limit;
  const kept = new Set<number>();
  for (let i = ticket.cycles.length - 1; i >= 0; i--) {
    const open = ticket.cycles[i]?.stoppedAt === null;
    if (open || closedLeft-- > 0) kept.add(i);
  }
  const cycles = ticket.cycles
    .filter((_, i) => kept.has(i))
    .map((cycle) => {
      const timeline = 'timeline' in cycle ? cycle.timeline : undefined;
      if (!timeline || timeline.length <= MAX_TIMELINE) return cycle;
      return {
        ...cycle,
        timeline: timeline.slice(-MAX_TIMELINE),
        timelineOmitted: timeline.length - MAX_TIMELINE,
      };
    });
  return {
    ...ticket,
    cycles,
    cycleCount: ticket.cycles.length,
    cyclesOmitted: ticket.cycles.length - cycles.length,
  };
}

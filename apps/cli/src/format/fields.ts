import type { TicketEvent, TicketFields } from '@breachless/core';

/** The fields a reader uses to place a ticket, in the order they read best. */
const SHOWN = ['priority', 'team', 'channel', 'assignee', 'tags'] as const;

function value(v: unknown): string {
  if (v === null || v === undefined) return 'unset';
  if (Array.isArray(v)) return v.length ? v.join(',') : '(none)';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** `priority high, team billing, channel web, assignee bo@example.com`: what decides the policy. */
export function ticketFieldsLine(fields: TicketFields): string {
  return SHOWN.filter((k) => fields[k] !== undefined && fields[k] !== null)
    .filter((k) => k !== 'tags' || (fields.tags?.length ?? 0) > 0)
    .map((k) => `${k} ${value(fields[k])}`)
    .join(', ');
}

/**
 * What an event changed, for the timeline: `e21: priority urgent`. The engine's entry says
 * which target and calendar a cycle moved to; this says which change of the ticket moved it.
 * Only `ticket.updated` events change fields, so only they get a description.
 */
export function describeChange(event: TicketEvent | undefined): string | undefined {
  if (event?.type !== 'ticket.updated') return undefined;
  const changes = Object.entries(event.fields).map(([k, v]) => `${k} ${value(v)}`);
  return `${event.id}: ${changes.join(', ') || 'no field changed'}`;
}

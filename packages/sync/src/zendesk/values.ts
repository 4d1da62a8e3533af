import type { ConnectorSettings, Status } from '@breachless/core';

/** Options of the Zendesk mapping: the config's `connectors.zendesk`, as its webhooks use. */
export type ZendeskOptions = NonNullable<ConnectorSettings['zendesk']>;

const STATUSES: Readonly<Record<string, Status>> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  solved: 'solved',
  closed: 'closed',
};

// These four read values exactly as @breachless/connectors' Zendesk webhook mapping does
// (zendesk/values.ts there, not exported); test/zendesk-agree.test.ts holds the two to the
// same events for the same changes.

/** A REST status as ours; `undefined` for `deleted` and the other non-live states. */
export function zendeskStatus(value: unknown): Status | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.toLowerCase();
  return Object.hasOwn(STATUSES, key) ? STATUSES[key] : undefined;
}

/** A priority lowercased; none is `null`. */
export function zendeskPriority(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value.toLowerCase() : null;
}

/** A Zendesk id as a string: the REST API sends numbers and `null` (0 and "" are none). */
export function zendeskId(value: unknown): string | null {
  if (typeof value === 'number') return value > 0 ? String(value) : null;
  if (typeof value === 'string') return value === '' || value === '0' ? null : value;
  return null;
}

/** The team for a group id, through the config's names; an unnamed group keeps its id. */
export function zendeskTeam(groupId: string | null, options: ZendeskOptions): string | null {
  if (groupId === null) return null;
  const teams = options.teams ?? {};
  return Object.hasOwn(teams, groupId) ? (teams[groupId] ?? groupId) : groupId;
}

/** The agent-facing ticket URL, when the base URL is configured. */
export function zendeskUrl(ticket: string, options: ZendeskOptions): string | undefined {
  if (options.baseUrl === undefined) return undefined;
  return `${options.baseUrl.replace(/\/+$/, '')}/agent/tickets/${ticket}`;
}

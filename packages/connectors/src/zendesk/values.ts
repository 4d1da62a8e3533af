import type { Status } from '@breachless/core';
import { lookup } from '../shared/lookup.js';

/** The platform name used in errors and event ids. */
export const ZENDESK = 'zendesk';

const STATUSES: Readonly<Record<string, Status>> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  solved: 'solved',
  closed: 'closed',
};

/**
 * A Zendesk status (`OPEN` in event webhooks, `open` in the REST API) as ours; `undefined`
 * for the statuses that are not states of a live ticket (`DELETED`, `ARCHIVED`, `SCRUBBED`).
 */
export function zendeskStatus(value: unknown): Status | undefined {
  return typeof value === 'string' ? lookup(STATUSES, value.toLowerCase()) : undefined;
}

/** A Zendesk priority (`LOW`..`URGENT`, any case) lowercased; none is `null` (unset). */
export function zendeskPriority(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value.toLowerCase() : null;
}

/**
 * A Zendesk id as a string. Event webhooks send ids as strings and use `"0"` or `""` for
 * none; the REST API sends numbers and `null`.
 */
export function zendeskId(value: unknown): string | null {
  if (typeof value === 'number') return value > 0 ? String(value) : null;
  if (typeof value === 'string') return value === '' || value === '0' ? null : value;
  return null;
}

/** Options both Zendesk mappers (webhooks and exports) share. */
export interface ZendeskOptions {
  /** `https://acme.zendesk.com`: tickets get `url` = `<baseUrl>/agent/tickets/<id>`. */
  readonly baseUrl?: string;
  /** Group id -> team name; a group not listed keeps its id as the team. */
  readonly teams?: Readonly<Record<string, string>>;
  /**
   * User ids that are agents. A ticket whose requester is one of them is created
   * `by: agent` (an internal ticket: no first response is owed).
   */
  readonly agentIds?: readonly string[];
}

/** The team for a group id, through the optional names. */
export function zendeskTeam(groupId: string | null, options: ZendeskOptions): string | null {
  if (groupId === null) return null;
  return lookup(options.teams, groupId) ?? groupId;
}

/** The agent-facing ticket URL, when the base URL is known. */
export function zendeskUrl(ticketId: string, options: ZendeskOptions): string | undefined {
  if (options.baseUrl === undefined) return undefined;
  return `${options.baseUrl.replace(/\/+$/, '')}/agent/tickets/${ticketId}`;
}

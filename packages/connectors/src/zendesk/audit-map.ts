import type { TicketFields } from '@breachless/core';
import { toWireInstant } from '../shared/instant.js';
import type { ZendeskAudit, ZendeskAuditEvent } from './audit-schema.js';
import {
  ZENDESK,
  type ZendeskOptions,
  zendeskId,
  zendeskPriority,
  zendeskStatus,
  zendeskTeam,
  zendeskUrl,
} from './values.js';

/** An event not yet validated, or why an audit field could not be read. */
type AuditResult =
  | { readonly events: Record<string, unknown>[] }
  | { readonly problems: { path: string; message: string }[] };

/**
 * Maps one ticket audit to ticket events: the audit's `Create` events make
 * `ticket.created` (`zendesk:audit:<id>`), its `Change` events one `ticket.updated` with
 * every changed field, each `Comment` a message (`zendesk:audit:<id>/comment:<event id>`).
 * Audits say who wrote a comment only by id: the system user (-1) writes for triggers (a
 * `system` message, never a response); with `agentIds` given exactly those ids are agents;
 * without, the requester is the customer and anyone else an agent, which needs the
 * ticket's creation audit first (a comment seen before it is refused, not guessed).
 * @param requesters the requester of each ticket seen so far, kept across audits because
 *   a comment's audit does not repeat it
 */
export function mapAudit(
  audit: ZendeskAudit,
  options: ZendeskOptions,
  requesters: Map<string, string | null>,
): AuditResult {
  const at = toWireInstant(audit.created_at);
  if (at === undefined)
    return {
      problems: [{ path: 'created_at', message: `"${audit.created_at}" is not an instant` }],
    };
  const ticket = String(audit.ticket_id);
  const base = `${ZENDESK}:audit:${audit.id}`;
  const created: TicketFields = {};
  const changed: TicketFields = {};
  let deleted = false;
  for (const event of audit.events) {
    if (event.type === 'Create') setField(created, event, options);
    else if (event.type === 'Change') {
      if (event.field_name === 'status' && String(event.value).toLowerCase() === 'deleted')
        deleted = true;
      else setField(changed, event, options);
    }
  }
  const events: Record<string, unknown>[] = [];
  if (Object.keys(created).length > 0) {
    const requester = created.requester ?? null;
    requesters.set(ticket, requester);
    const by = requester !== null && options.agentIds?.includes(requester) ? 'agent' : 'customer';
    const url = zendeskUrl(ticket, options);
    const fields = { status: 'new', ...created, ...(url ? { url } : {}) };
    events.push({ id: base, ticket, type: 'ticket.created', at, by, fields });
  }
  if (Object.keys(changed).length > 0) {
    if (changed.requester !== undefined) requesters.set(ticket, changed.requester);
    const id = events.length > 0 ? `${base}/update` : base;
    events.push({ id, ticket, type: 'ticket.updated', at, fields: changed });
  }
  for (const event of audit.events) {
    if (event.type !== 'Comment') continue;
    const authorId = zendeskId(event.author_id ?? audit.author_id);
    const author = commentAuthor(authorId, ticket, options, requesters);
    if (author === undefined)
      return {
        problems: [
          {
            path: 'events',
            message: `a comment on ticket ${ticket} comes before the ticket's creation: list each ticket's audits oldest first, or name the agents (agentIds)`,
          },
        ],
      };
    const id = `${base}/comment:${event.id ?? events.length}`;
    events.push({ id, ticket, type: 'message', at, author, public: event.public ?? true });
  }
  if (deleted) events.push({ id: `${base}/deleted`, ticket, type: 'ticket.deleted', at });
  return { events };
}

function commentAuthor(
  authorId: string | null,
  ticket: string,
  options: ZendeskOptions,
  requesters: Map<string, string | null>,
): 'agent' | 'customer' | 'system' | undefined {
  if (authorId === null || authorId === '-1') return 'system';
  if (options.agentIds !== undefined)
    return options.agentIds.includes(authorId) ? 'agent' : 'customer';
  // Without the agents' ids, the requester is the one customer we can recognise.
  if (!requesters.has(ticket)) return undefined;
  return authorId === requesters.get(ticket) ? 'customer' : 'agent';
}

// The audit's field names are the REST API's ticket properties.
function setField(fields: TicketFields, event: ZendeskAuditEvent, options: ZendeskOptions): void {
  const value = event.value;
  const target = fields as Record<string, unknown>;
  switch (event.field_name) {
    case 'status': {
      const status = zendeskStatus(value);
      if (status !== undefined) target.status = status;
      return;
    }
    case 'priority':
      target.priority = zendeskPriority(value);
      return;
    case 'group_id':
      target.team = zendeskTeam(zendeskId(value), options);
      return;
    case 'assignee_id':
      target.assignee = zendeskId(value);
      return;
    case 'requester_id':
      target.requester = zendeskId(value);
      return;
    case 'subject':
      target.subject = typeof value === 'string' ? value : null;
      return;
    case 'tags':
      // Audits write tags as a list, older ones as one space-separated string.
      target.tags = Array.isArray(value)
        ? value.map(String)
        : typeof value === 'string' && value !== ''
          ? value.split(' ')
          : [];
      return;
  }
}

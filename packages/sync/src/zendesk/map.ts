import {
  type ZendeskOptions,
  zendeskId,
  zendeskPriority,
  zendeskStatus,
  zendeskTeam,
  zendeskUrl,
} from '@breachless/connectors/zendesk';
import type { Problem, TicketFields } from '@breachless/core';
import type { ZendeskChildEvent, ZendeskTicketEvent } from './schema.js';

/** Events of one ticket event, not yet validated, or why it could not be read. */
export type MappedTicketEvent =
  | { readonly events: Record<string, unknown>[] }
  | { readonly problems: Problem[] };

/** The requester of a ticket as stored so far (`undefined`: the ticket is not known). */
export type RequesterOf = (ticket: string) => string | null | undefined;

/**
 * Maps one exported ticket event (an audit) to ticket events under the ids an audit import
 * gives the same audit (`zendesk:audit:<id>`, `/update`, `/comment:<child id>`,
 * `/deleted`), so an audit imported from a file and read again by sync is stored once.
 * A comment's author is read as the audit import reads it: the system user (-1) is
 * `system`; with `agentIds` configured exactly those are agents; otherwise the requester
 * is the customer and anyone else an agent.
 * @param requesters requesters seen in this run, updated as tickets are created here
 */
export function mapTicketEvent(
  te: ZendeskTicketEvent,
  options: ZendeskOptions,
  requesters: Map<string, string | null>,
  stored: RequesterOf,
): MappedTicketEvent {
  const at = new Date(te.timestamp * 1000).toISOString();
  const ticket = String(te.ticket_id);
  const base = `zendesk:audit:${te.id}`;
  const created: TicketFields = {};
  const changed: TicketFields = {};
  let deleted = false;
  for (const child of te.child_events) {
    if (child.event_type === 'Create') readFields(created, child, options);
    if (child.event_type !== 'Change') continue;
    if (String(child.status).toLowerCase() === 'deleted') deleted = true;
    else readFields(changed, child, options);
  }
  const events: Record<string, unknown>[] = [];
  if (Object.keys(created).length > 0) {
    const requester = created.requester ?? null;
    requesters.set(ticket, requester);
    const by = requester !== null && options.agentIds?.includes(requester) ? 'agent' : 'customer';
    const channel = channelOf(te.via);
    const url = zendeskUrl(ticket, options);
    const fields = { status: 'new', ...created, ...(channel ? { channel } : {}) };
    events.push({ id: base, ticket, type: 'ticket.created', at, by, fields: { ...fields, url } });
  }
  if (Object.keys(changed).length > 0) {
    if (changed.requester !== undefined) requesters.set(ticket, changed.requester);
    const id = events.length > 0 ? `${base}/update` : base;
    events.push({ id, ticket, type: 'ticket.updated', at, fields: changed });
  }
  for (const child of te.child_events) {
    if (child.event_type !== 'Comment') continue;
    const authorId = zendeskId(child.author_id ?? te.updater_id);
    const requester = requesters.has(ticket) ? requesters.get(ticket) : stored(ticket);
    const author = commentAuthor(authorId, requester, options);
    if (author === undefined)
      return {
        problems: [
          {
            path: `ticket_events[${te.id}].child_events`,
            message: `a comment on ticket ${ticket} whose creation was never read: backfill from an earlier date, or name the agents (connectors.zendesk.agentIds)`,
          },
        ],
      };
    const id = `${base}/comment:${child.id ?? events.length}`;
    events.push({ id, ticket, type: 'message', at, author, public: child.public ?? true });
  }
  if (deleted) events.push({ id: `${base}/deleted`, ticket, type: 'ticket.deleted', at });
  return { events: events.map(withoutUndefined) };
}

function commentAuthor(
  authorId: string | null,
  requester: string | null | undefined,
  options: ZendeskOptions,
): 'agent' | 'customer' | 'system' | undefined {
  if (authorId === null || authorId === '-1') return 'system';
  if (options.agentIds !== undefined)
    return options.agentIds.includes(authorId) ? 'agent' : 'customer';
  if (requester === undefined) return undefined;
  return authorId === requester ? 'customer' : 'agent';
}

// The export names the changed property as a key of the child event; we read ours.
function readFields(target: TicketFields, child: ZendeskChildEvent, options: ZendeskOptions) {
  const fields = target as Record<string, unknown>;
  if ('status' in child) {
    const status = zendeskStatus(child.status);
    if (status !== undefined) fields.status = status;
  }
  if ('priority' in child) fields.priority = zendeskPriority(child.priority);
  if ('group_id' in child) fields.team = zendeskTeam(zendeskId(child.group_id), options);
  if ('assignee_id' in child) fields.assignee = zendeskId(child.assignee_id);
  if ('requester_id' in child) fields.requester = zendeskId(child.requester_id);
  if ('organization_id' in child) fields.organization = zendeskId(child.organization_id);
  if ('brand_id' in child) fields.brand = zendeskId(child.brand_id);
  if ('subject' in child) fields.subject = typeof child.subject === 'string' ? child.subject : null;
  if ('tags' in child) fields.tags = Array.isArray(child.tags) ? child.tags.map(String) : [];
}

function channelOf(via: unknown): string | undefined {
  if (typeof via !== 'object' || via === null) return undefined;
  const channel = (via as { channel?: unknown }).channel;
  return typeof channel === 'string' ? channel : undefined;
}

function withoutUndefined(event: Record<string, unknown>): Record<string, unknown> {
  const fields = event.fields as Record<string, unknown> | undefined;
  if (fields === undefined) return event;
  return {
    ...event,
    fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
}

import type { TicketFields } from '@breachless/core';
import { ConnectorError } from '../errors.js';
import { validated } from '../shared/emit.js';
import { toWireInstant } from '../shared/instant.js';
import { jsonBody, readPayload } from '../shared/payload.js';
import { ignored, type WebhookMapping } from '../webhooks/types.js';
import {
  ZENDESK,
  type ZendeskOptions,
  zendeskId,
  zendeskPriority,
  zendeskStatus,
  zendeskTeam,
  zendeskUrl,
} from './values.js';
import { type ZendeskDetail, type ZendeskWebhook, zendeskWebhookSchema } from './webhook-schema.js';

const PREFIX = 'zen:event-type:ticket.';

/**
 * Maps one Zendesk ticket event webhook to ticket events. The event id is
 * `zendesk:<webhook event id>`, so Zendesk's retries of the same event are duplicates.
 * Event types we do not track come back `ignored`.
 * @param body the raw body (or its parsed JSON)
 * @throws ConnectorError when the body is not a ticket event webhook as documented
 */
export function mapZendeskWebhook(body: unknown, options: ZendeskOptions = {}): WebhookMapping {
  const hook = readPayload(ZENDESK, zendeskWebhookSchema, jsonBody(ZENDESK, body));
  if (!hook.type.startsWith(PREFIX)) return ignored(`${hook.type} is not a ticket event`);
  const kind = hook.type.slice(PREFIX.length);
  const ticket = String(hook.detail.id);
  const at = instant(hook.time, 'time');
  const base = { id: `${ZENDESK}:${hook.id}`, ticket, at };
  const event = toEvent(kind, hook, base, options);
  if (typeof event === 'string') return ignored(event);
  return { kind: 'events', events: validated(ZENDESK, [event]) };
}

type Base = { id: string; ticket: string; at: string };

// One webhook is one change, so it maps to at most one event; a string is why it maps to none.
function toEvent(
  kind: string,
  hook: ZendeskWebhook,
  base: Base,
  options: ZendeskOptions,
): Record<string, unknown> | string {
  const current = hook.event?.current;
  const update = (fields: TicketFields) => ({ ...base, type: 'ticket.updated', fields });
  switch (kind) {
    case 'created':
      return created(hook.detail, base, options);
    case 'status_changed': {
      if (String(current).toUpperCase() === 'DELETED') return { ...base, type: 'ticket.deleted' };
      const status = zendeskStatus(current);
      return status === undefined ? `status ${String(current)} is not tracked` : update({ status });
    }
    case 'priority_changed':
      return update({ priority: zendeskPriority(current) });
    case 'agent_assignment_changed':
      return update({ assignee: zendeskId(current ?? hook.detail.assignee_id) });
    case 'group_assignment_changed':
      return update({ team: zendeskTeam(zendeskId(current ?? hook.detail.group_id), options) });
    case 'tags_changed':
      // `detail.tags` is the ticket's whole list after the change, which is what `tags` means.
      return update({ tags: hook.detail.tags ?? [] });
    case 'subject_changed':
      return update({ subject: hook.detail.subject ?? null });
    case 'comment_added':
      return comment(hook, base);
    case 'soft_deleted':
    case 'permanently_deleted':
    case 'marked_as_spam':
      return { ...base, type: 'ticket.deleted' };
    default:
      return `${hook.type} is not tracked`;
  }
}

function created(detail: ZendeskDetail, base: Base, options: ZendeskOptions) {
  const requester = zendeskId(detail.requester_id);
  const fields: TicketFields = {
    status: zendeskStatus(detail.status) ?? 'new',
    priority: zendeskPriority(detail.priority),
    team: zendeskTeam(zendeskId(detail.group_id), options),
    assignee: zendeskId(detail.assignee_id),
    requester,
    organization: zendeskId(detail.organization_id),
    brand: zendeskId(detail.brand_id),
    subject: detail.subject ?? null,
    channel: detail.via?.channel ?? null,
    tags: detail.tags ?? [],
  };
  const url = zendeskUrl(base.ticket, options);
  const at = detail.created_at ? instant(detail.created_at, 'detail.created_at') : base.at;
  const by = requester !== null && options.agentIds?.includes(requester) ? 'agent' : 'customer';
  return { ...base, at, type: 'ticket.created', by, fields: url ? { ...fields, url } : fields };
}

// Zendesk says who wrote a comment only through `is_staff`; the system user (-1) writes
// for triggers and automations, which are never a response.
function comment(hook: ZendeskWebhook, base: Base): Record<string, unknown> | string {
  const c = hook.event?.comment;
  if (!c) return 'comment_added without event.comment';
  const authorId = c.author?.id === undefined || c.author.id === null ? '' : String(c.author.id);
  const author = authorId === '-1' ? 'system' : c.author?.is_staff ? 'agent' : 'customer';
  return { ...base, type: 'message', author, public: c.is_public ?? true };
}

function instant(value: string, path: string): string {
  const at = toWireInstant(value);
  if (at === undefined)
    throw new ConnectorError('payload_invalid', ZENDESK, 'an instant is malformed', [
      { path, message: `"${value}" is not an ISO-8601 instant with an offset` },
    ]);
  return at;
}

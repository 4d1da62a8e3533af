import { z } from 'zod';

const id = z.union([z.string(), z.number()]);

/**
 * One event of a ticket audit, as in Zendesk's "Ticket Audit events reference": `Create`
 * and `Change` name a field and its value, `Comment` carries who wrote it and whether it is
 * public. Other event types (notifications, SLA target changes, ...) are kept and ignored.
 */
const zendeskAuditEventSchema = z.looseObject({
  id: id.optional(),
  type: z.string(),
  field_name: z.string().optional(),
  value: z.unknown().optional(),
  previous_value: z.unknown().optional(),
  public: z.boolean().optional(),
  author_id: id.nullable().optional(),
});

/** A ticket audit (`GET /api/v2/ticket_audits`, `GET /api/v2/tickets/{id}/audits`). */
export const zendeskAuditSchema = z.looseObject({
  id,
  ticket_id: id,
  created_at: z.string(),
  author_id: id.nullable().optional(),
  events: z.array(zendeskAuditEventSchema),
});

export type ZendeskAudit = z.output<typeof zendeskAuditSchema>;
export type ZendeskAuditEvent = z.output<typeof zendeskAuditEventSchema>;

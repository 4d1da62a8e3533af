import { z } from 'zod';

const id = z.union([z.string(), z.number()]);

/**
 * One child event of a ticket event, as in Zendesk's "Incremental Ticket Event Export"
 * (Support API reference, `GET /api/v2/incremental/ticket_events`, and "Exporting ticket
 * events" in "Using the Incremental Exports API"): `Create` and `Change` events carry the
 * changed property under its own name (`"status": "open"`) with `previous_value`;
 * `Comment` events (with `include=comment_events`) carry `author_id` and `public`. Other
 * event types are kept and ignored.
 */
export const zendeskChildEventSchema = z.looseObject({
  id: id.optional(),
  event_type: z.string(),
  author_id: id.nullable().optional(),
  public: z.boolean().optional(),
});

/** One ticket event: an audit of one ticket update, with its child events. */
export const zendeskTicketEventSchema = z.looseObject({
  id,
  ticket_id: id,
  timestamp: z.number(),
  created_at: z.string().optional(),
  updater_id: id.nullable().optional(),
  event_type: z.string().optional(),
  child_events: z.array(zendeskChildEventSchema).default([]),
});

/**
 * A page of the time-based ticket event export: `end_time` is the next page's
 * `start_time`, `end_of_stream` says there is nothing newer (yet).
 */
export const zendeskEventPageSchema = z.looseObject({
  ticket_events: z.array(z.unknown()),
  next_page: z.string().nullable().optional(),
  count: z.number().optional(),
  end_time: z.number().nullable().optional(),
  end_of_stream: z.boolean(),
});

export type ZendeskChildEvent = z.output<typeof zendeskChildEventSchema>;
export type ZendeskTicketEvent = z.output<typeof zendeskTicketEventSchema>;
export type ZendeskEventPage = z.output<typeof zendeskEventPageSchema>;

/**
 * A page of "Export Search Results" (`GET /api/v2/search/export`, cursor pagination): the
 * matching tickets, `meta.has_more` and `links.next`.
 */
export const searchExportPageSchema = z.looseObject({
  results: z.array(z.looseObject({ id, status: z.string().optional() })),
  meta: z.looseObject({ has_more: z.boolean() }),
  links: z.looseObject({ next: z.string().nullable().optional() }),
});

/**
 * One event of a ticket audit ("Ticket Audits", `GET /api/v2/tickets/{id}/audits`):
 * `Create`/`Change` name the property as `field_name` with its `value`; `Comment` carries
 * `author_id` and `public`.
 */
export const auditEventSchema = z.looseObject({
  id: id.optional(),
  type: z.string(),
  field_name: z.string().optional(),
  value: z.unknown().optional(),
  previous_value: z.unknown().optional(),
  author_id: id.nullable().optional(),
  public: z.boolean().optional(),
});

/** A page of a ticket's audits, oldest first, paged by `links.next` while `meta.has_more`. */
export const auditsPageSchema = z.looseObject({
  audits: z.array(
    z.looseObject({
      id,
      ticket_id: id,
      created_at: z.string(),
      author_id: id.nullable().optional(),
      via: z.unknown().optional(),
      events: z.array(auditEventSchema),
    }),
  ),
  meta: z.looseObject({ has_more: z.boolean() }),
  links: z.looseObject({ next: z.string().nullable().optional() }),
});

export type ZendeskAudit = z.output<typeof auditsPageSchema>['audits'][number];

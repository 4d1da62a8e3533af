import { z } from 'zod';

const id = z.union([z.string(), z.number()]);
const optionalId = id.nullable().optional();
const optionalText = z.string().nullable().optional();

/** The ticket as event webhooks describe it (`detail`); ids are strings there. */
const zendeskDetailSchema = z.looseObject({
  id,
  status: optionalText,
  priority: optionalText,
  subject: optionalText,
  requester_id: optionalId,
  submitter_id: optionalId,
  assignee_id: optionalId,
  group_id: optionalId,
  organization_id: optionalId,
  brand_id: optionalId,
  tags: z.array(z.string()).nullable().optional(),
  via: z.looseObject({ channel: optionalText }).nullable().optional(),
  created_at: optionalText,
  updated_at: optionalText,
});

const commentSchema = z.looseObject({
  id: optionalId,
  is_public: z.boolean().optional(),
  author: z.looseObject({ id: optionalId, is_staff: z.boolean().optional() }).nullable().optional(),
});

/**
 * A Zendesk ticket event webhook (`zen:event-type:ticket.*`), as in Zendesk's "Ticket
 * events" reference: what the mappers read; everything else is kept and ignored.
 */
export const zendeskWebhookSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  time: z.string(),
  subject: optionalText,
  detail: zendeskDetailSchema,
  event: z
    .looseObject({
      current: z.unknown().optional(),
      previous: z.unknown().optional(),
      comment: commentSchema.nullable().optional(),
    })
    .nullable()
    .optional(),
});

export type ZendeskWebhook = z.output<typeof zendeskWebhookSchema>;
export type ZendeskDetail = z.output<typeof zendeskDetailSchema>;

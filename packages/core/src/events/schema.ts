import { z } from 'zod';
import { choose } from '../config/choose.js';
import { STATUSES } from '../config/types.js';
import { parseInstant } from '../time/instant.js';
import { uniformEvent } from './shape.js';
import { EVENT_TYPES, type TicketEvent, type TicketFields } from './types.js';

/** An ISO-8601 instant with an offset or Z, read to epoch milliseconds. */
export const instant = z.string().transform((text, ctx) => {
  const at = parseInstant(text);
  if (at === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not an ISO-8601 instant with an offset or Z`,
    });
    return z.NEVER;
  }
  return at;
});

const text = z.string().nullable().optional();
const fields = z
  .looseObject({
    status: z.enum(STATUSES).optional(),
    priority: text,
    team: text,
    channel: text,
    assignee: text,
    requester: text,
    organization: text,
    brand: text,
    subject: text,
    url: text,
    tags: z.array(z.string()).optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
  })
  .transform((raw): TicketFields => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) if (value !== undefined) out[key] = value;
    return out as TicketFields;
  });

const base = {
  id: z.string().min(1, { error: 'must not be empty' }),
  ticket: z.string().min(1, { error: 'must not be empty' }),
  tenant: z.string().min(1, { error: 'must not be empty' }).optional(),
  at: instant,
};

const byType = {
  'ticket.created': z.looseObject({
    ...base,
    type: z.literal('ticket.created'),
    by: z.enum(['customer', 'agent']).default('customer'),
    fields,
  }),
  'ticket.updated': z.looseObject({ ...base, type: z.literal('ticket.updated'), fields }),
  message: z.looseObject({
    ...base,
    type: z.literal('message'),
    author: z.enum(['customer', 'agent', 'system']),
    public: z.boolean(),
  }),
  'ticket.deleted': z.looseObject({ ...base, type: z.literal('ticket.deleted') }),
};

// Built once: zod schemas are costly to construct, and imports check events by the million.
const uniformByType = Object.fromEntries(
  Object.entries(byType).map(([type, schema]) => [
    type,
    schema.transform((e) => uniformEvent(e as TicketEvent)) as unknown as z.ZodType<TicketEvent>,
  ]),
) as Record<keyof typeof byType, z.ZodType<TicketEvent>>;
const notAnObject = z.never({ error: 'must be a JSON object' });
const unknownType = z.looseObject({
  type: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }),
}) as unknown as z.ZodType<TicketEvent>;

/** One ticket event on the wire; unknown keys are kept by the parser but ignored. */
export const eventSchema = choose((value): z.ZodType<TicketEvent> => {
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return notAnObject;
  if (typeof type === 'string' && type in byType) return uniformByType[type as keyof typeof byType];
  return unknownType;
});

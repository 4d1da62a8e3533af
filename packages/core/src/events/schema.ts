import { z } from 'zod';
import { choose } from '../config/choose.js';
import { STATUSES } from '../config/statuses.js';
import { instantRangeProblem } from '../limits.js';
import { requiredId, shortText } from '../short-text.js';
import { parseInstant } from '../time/instant.js';
import { uniformEvent } from './shape.js';
import { EVENT_TYPES, type TicketEvent, type TicketFields } from './types.js';

/**
 * An ISO-8601 instant with an offset or Z, read to epoch milliseconds, inside the accepted
 * range (`LIMITS`): the elapsed seconds of any cycle then fit the database's int4.
 */
export const instant = z.string().transform((text, ctx) => {
  const at = parseInstant(text);
  const outside = at === undefined ? undefined : instantRangeProblem(at);
  if (at === undefined || outside !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: outside ?? `"${text}" is not an ISO-8601 instant with an offset or Z`,
    });
    return z.NEVER;
  }
  return at;
});

const text = shortText.nullable().optional();
// Free text, kept only in the event body (jsonb): no index, so no length limit of ours.
const longText = z.string().nullable().optional();
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
    subject: longText,
    url: longText,
    tags: z.array(shortText).optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
  })
  // fromEntries defines own properties: a `__proto__` key can never become the prototype.
  .transform(
    (raw): TicketFields =>
      Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)),
  );

const base = {
  id: requiredId,
  ticket: requiredId,
  tenant: requiredId.optional(),
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
// A Map, so a `type` of `constructor` or `__proto__` finds nothing instead of a built-in.
const uniformByType = new Map<string, z.ZodType<TicketEvent>>(
  Object.entries(byType).map(([type, schema]) => [
    type,
    schema.transform((e) => uniformEvent(e as TicketEvent)) as unknown as z.ZodType<TicketEvent>,
  ]),
);
const notAnObject = z.never({ error: 'must be a JSON object' });
// Without a known type only the fields every event has can be checked: all of them are, so
// that one answer names every problem the sender can fix before trying again.
const unknownType = z.looseObject({
  ...base,
  type: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }),
}) as unknown as z.ZodType<TicketEvent>;

/** One ticket event on the wire; unknown keys are kept by the parser but ignored. */
export const eventSchema = choose((value): z.ZodType<TicketEvent> => {
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return notAnObject;
  return (typeof type === 'string' && uniformByType.get(type)) || unknownType;
});

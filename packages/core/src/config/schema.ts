import { z } from 'zod';
import { ALWAYS_OPEN_ID } from '../calendar/compile.js';
import { calendarSchema } from './calendar-schema.js';
import { policySchema } from './policy-schema.js';

function flagDuplicates(ids: readonly string[], list: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id))
      ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `"${id}" is used twice` });
    seen.add(id);
  }
}

/** The whole configuration file: calendars and the ordered policies. */
export const configSchema = z
  .strictObject({
    calendars: z.array(calendarSchema).optional(),
    policies: z.array(policySchema).optional(),
  })
  .superRefine((config, ctx) => {
    const calendars = config.calendars ?? [];
    const policies = config.policies ?? [];
    flagDuplicates(
      calendars.map((c) => c.id),
      'calendars',
      ctx,
    );
    flagDuplicates(
      policies.map((p) => p.id),
      'policies',
      ctx,
    );
    const known = new Set([ALWAYS_OPEN_ID, ...calendars.map((c) => c.id)]);
    for (const [i, policy] of policies.entries()) {
      if (!known.has(policy.calendar)) {
        ctx.addIssue({
          code: 'custom',
          path: ['policies', i, 'calendar'],
          message: `"${policy.calendar}" is not a calendar`,
        });
      }
    }
  })
  .transform((config) => ({ calendars: config.calendars ?? [], policies: config.policies ?? [] }));

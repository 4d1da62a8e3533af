import { z } from 'zod';
import { calendarSchema } from './calendar-schema.js';
import { policySchema } from './policy-schema.js';

/** The whole configuration file: calendars and the ordered policies. */
export const configSchema = z
  .strictObject({
    calendars: z.array(calendarSchema).optional(),
    policies: z.array(policySchema).optional(),
  })
  .transform((config) => ({ calendars: config.calendars ?? [], policies: config.policies ?? [] }));

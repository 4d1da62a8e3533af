import { z } from 'zod';
import { calendarSchema } from './calendar-schema.js';
import { connectorsSchema } from './connectors-schema.js';
import { policySchema } from './policy-schema.js';

/** The whole configuration file: calendars, the ordered policies, and helpdesk mappings. */
export const configSchema = z
  .strictObject({
    calendars: z.array(calendarSchema).optional(),
    policies: z.array(policySchema).optional(),
    connectors: connectorsSchema.optional(),
  })
  .transform((config) => ({
    calendars: config.calendars ?? [],
    policies: config.policies ?? [],
    connectors: config.connectors ?? {},
  }));

import { z } from 'zod';
import { calendarSchema } from './calendar-schema.js';
import { connectorsSchema } from './connectors-schema.js';
import { contractSchema } from './contract-schema.js';
import { policySchema } from './policy-schema.js';

/** The whole configuration file: calendars, the ordered policies, contracts, helpdesk mappings. */
export const configSchema = z
  .strictObject({
    calendars: z.array(calendarSchema).optional(),
    policies: z.array(policySchema).optional(),
    contracts: z.array(contractSchema).optional(),
    connectors: connectorsSchema.optional(),
  })
  .transform((config) => ({
    calendars: config.calendars ?? [],
    policies: config.policies ?? [],
    contracts: config.contracts ?? [],
    connectors: config.connectors ?? {},
  }));

import { z } from 'zod';
import { requiredId, shortText } from '../short-text.js';
import { STATUSES } from './statuses.js';

// Mapped values become ticket fields (team, priority): as short as the fields themselves,
// or every event mapped through a longer one would be refused.
const names = z.record(z.string(), shortText);
const ids = z.array(z.string().min(1));
const status = z.enum(STATUSES);

/**
 * How each helpdesk's ids and names become ticket fields: the same settings serve its
 * webhooks and its export imports. Secrets are not here (a config is readable through
 * `GET /v1/config`); they live in the database, set by `breachless webhook-secret`.
 */
export const connectorsSchema = z.strictObject({
  zendesk: z
    .strictObject({
      /** `https://acme.zendesk.com`: tickets get a link. */
      baseUrl: z.url().optional(),
      /** Group id -> team name. */
      teams: names.optional(),
      /** User ids that are agents. */
      agentIds: ids.optional(),
    })
    .optional(),
  github: z
    .strictObject({
      /** Label -> priority; the strongest label carried wins. */
      labelPriorities: names.optional(),
      /** Logins whose comments are agent responses whatever their association. */
      agentLogins: ids.optional(),
      /** Repository (`owner/repo`) -> team. */
      teams: names.optional(),
    })
    .optional(),
  jira: z
    .strictObject({
      /** Status name -> status, over the usual names. */
      statuses: z.record(z.string(), status).optional(),
      /** Status category key -> status. */
      statusCategories: z.record(z.string(), status).optional(),
      /** Priority name -> priority. */
      priorities: names.optional(),
      /** Account ids (or user names) of agents. */
      agentAccountIds: ids.optional(),
      /** The channel of every ticket; default `jira`. */
      channel: requiredId.optional(),
      /** The field whose value is the team (`customfield_10001`, `components`). */
      teamField: z.string().min(1).optional(),
    })
    .optional(),
});

/** The `connectors` section of a config, validated. */
export type ConnectorSettings = z.output<typeof connectorsSchema>;

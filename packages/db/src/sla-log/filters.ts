// The SLA log's filters, in a module of their own with no imports: the CLI names its flags
// from it (@breachless/db/sla-log-filters) without loading the database code for --help.

/** The names of the SLA log's optional filters, which the API and the CLI accept as they are. */
export const SLA_LOG_FILTERS = [
  'organization',
  'requester',
  'team',
  'agent',
  'priority',
  'policy',
  'contract',
  'metric',
  'outcome',
] as const;

/** One filter's name. */
export type SlaLogFilterName = (typeof SLA_LOG_FILTERS)[number];

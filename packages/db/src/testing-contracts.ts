// Test support for customer contracts, shared by the suites of db, http, jobs and the CLI:
// one config with a contract and the tickets they ingest under it.

/**
 * A tenant config: the policy `std` answers first within 1h on 24x7; the contract
 * `globex-gold` gives the organization globex 30m, a 90% goal, and credits: 10% of its
 * 1,000.00 EUR monthly fee under the goal, 25.00 per breached urgent cycle, capped at 15%.
 */
export const CONTRACT_CONFIG = {
  policies: [{ id: 'std', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
  contracts: [
    {
      id: 'globex-gold',
      organizations: ['globex'],
      versions: [
        {
          from: '2026-01-01',
          calendar: '24x7',
          targets: { first_response: { '*': '30m' } },
          goals: { first_response: '90%' },
          fee: { amount: 1000, currency: 'EUR' },
          credits: [
            { metric: 'first_response', tiers: [{ below: '90%', credit: '10%' }] },
            { perBreach: 25, priority: 'urgent', metric: 'first_response' },
          ],
          cap: '15%',
        },
      ],
    },
  ],
};

/**
 * A ticket of `organization` (none when null) created at `at` (ISO), and the public agent
 * reply `minutes` later that stops its first response (none when null): events in the
 * spec's format, ids `<id>-c` and `<id>-r`.
 */
export function answeredTicket(
  id: string,
  at: string,
  organization: string | null,
  minutes: number | null,
  fields: Record<string, unknown> = {},
): object[] {
  const created = {
    id: `${id}-c`,
    ticket: id,
    type: 'ticket.created',
    at,
    fields: { status: 'new', ...(organization === null ? {} : { organization }), ...fields },
  };
  if (minutes === null) return [created];
  const replied = new Date(Date.parse(at) + minutes * 60_000).toISOString().replace('.000', '');
  const reply = {
    id: `${id}-r`,
    ticket: id,
    type: 'message',
    at: replied,
    author: 'agent',
    public: true,
  };
  return [created, reply];
}

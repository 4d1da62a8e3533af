import {
  contractStatement,
  Engine,
  parseConfig,
  parseEvents,
  type StatementCycle,
} from '@breachless/core';
import { expect, it } from 'vitest';
import { contractStatements, StatementError } from '../src/contracts/index.js';
import { ingestEvents } from '../src/ingest/index.js';
import { EngineCache, saveConfig } from '../src/tenants/index.js';
import { describeEachDriver } from '../src/testing.js';

// Globex's contract: first response in 30m on 24x7, goal 90%; under it a month owes 10% of a
// 1,000.00 fee, and 25.00 per breached urgent cycle, at most 15% of the fee.
const CONFIG = {
  policies: [{ id: 'std', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
  contracts: [
    {
      id: 'globex-gold',
      organizations: ['globex', 'globex-eu'],
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
const at = (day: number, minute: number) =>
  new Date(Date.UTC(2026, 10, day, 9, minute)).toISOString();
function ticket(id: string, day: number, priority: string, answer: number, org = 'globex') {
  return [
    {
      id: `${id}-c`,
      ticket: id,
      type: 'ticket.created',
      at: at(day, 0),
      fields: { status: 'new', priority, organization: org },
    },
    {
      id: `${id}-r`,
      ticket: id,
      type: 'message',
      at: at(day, answer),
      author: 'agent',
      public: true,
    },
  ];
}
const EVENTS = parseEvents([
  ...ticket('G-1', 2, 'normal', 10),
  ...ticket('G-2', 3, 'urgent', 45), // breached
  ...ticket('G-3', 4, 'urgent', 50), // breached
  ...ticket('G-4', 5, 'normal', 20),
  ...ticket('E-1', 6, 'normal', 5, 'globex-eu'),
  ...ticket('G-5', 1, 'normal', 5),
]);
const NOW = Date.UTC(2026, 11, 2);

describeEachDriver('contract statements', (handle) => {
  it('owe what the core owes over the same events, per organization, with the causing cycles', async () => {
    const { db } = handle();
    await saveConfig(db, 'st', CONFIG, 'test');
    await ingestEvents(db, 'st', EVENTS, await new EngineCache().engineFor(db, 'st'), NOW);
    const statements = await contractStatements(db, 'st', { month: '2026-11' });
    expect(statements.map((s) => [s.organization, s.totalCents])).toEqual([
      ['globex', 15000], // 100.00 + 2 x 25.00, capped at 150.00 (it is exactly the cap)
      ['globex-eu', 0],
    ]);
    const [globex] = statements;
    expect(globex?.metrics[0]).toMatchObject({ achieved: 3, breached: 2, compliancePct: 60 });
    expect(
      globex?.credits.map((c) => [c.kind, c.amountCents, c.cycles.map((x) => x.ticket)]),
    ).toEqual([
      ['compliance', 10000, ['G-2', 'G-3']],
      ['per_breach', 5000, ['G-2', 'G-3']],
    ]);
    // The files path: the core's statement over the engine's cycles of the same events.
    const config = parseConfig(CONFIG);
    const cycles: StatementCycle[] = new Engine(config)
      .evaluate(EVENTS, NOW)
      .flatMap((t) => t.cycles.map((c) => ({ ...c, ticket: t.ticket })));
    const contract = config.contracts[0];
    if (!contract) throw new Error('no contract');
    expect(globex).toEqual(
      contractStatement({ contract, organization: 'globex', month: '2026-11', cycles }),
    );
    expect(
      await contractStatements(db, 'st', { month: '2026-11', organization: 'globex-eu' }),
    ).toHaveLength(1);
  });

  it('refuses a bad month, an unknown contract and an organization no contract names', async () => {
    const { db } = handle();
    const refused = async (query: Parameters<typeof contractStatements>[2]) =>
      contractStatements(db, 'st', query).then(
        () => undefined,
        (e: unknown) => (e instanceof StatementError ? [e.path, e.message] : e),
      );
    expect(await refused({ month: '2026-13' })).toEqual([
      'month',
      '"2026-13" is not a month YYYY-MM',
    ]);
    expect(await refused({ month: '2026-11', contract: 'nope' })).toEqual([
      'contract',
      'no contract "nope" in the tenant\'s config',
    ]);
    expect(await refused({ month: '2026-11', organization: 'initech' })).toEqual([
      'organization',
      'no contract in force names "initech"',
    ]);
    expect(await refused({ month: '2025-11', contract: 'globex-gold' })).toEqual([
      'month',
      'contract "globex-gold" is not in force in 2025-11',
    ]);
  });
});

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
import { answeredTicket, CONTRACT_CONFIG, describeEachDriver } from '../src/testing.js';

// CONTRACT_CONFIG: globex's first response in 30m, goal 90%; 10% of the 1,000.00 EUR fee
// under the goal, 25.00 per breached urgent cycle, at most 150.00.
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 9)).toISOString();
const ticket = (id: string, day: number, priority: string, answer: number) =>
  answeredTicket(id, at(day), 'globex', answer, { priority });
const EVENTS = parseEvents([
  ...ticket('G-1', 2, 'normal', 10),
  ...ticket('G-2', 3, 'urgent', 45), // breached
  ...ticket('G-3', 4, 'urgent', 50), // breached
  ...ticket('G-4', 5, 'normal', 20),
  ...ticket('G-5', 1, 'normal', 5),
]);
const NOW = Date.UTC(2026, 11, 2);

describeEachDriver('contract statements', (handle) => {
  it('owe what the core owes over the same events, per organization, with the causing cycles', async () => {
    const { db } = handle();
    await saveConfig(db, 'st', CONTRACT_CONFIG, 'test');
    await ingestEvents(db, 'st', EVENTS, await new EngineCache().engineFor(db, 'st'), NOW);
    const statements = await contractStatements(db, 'st', { month: '2026-11' });
    expect(statements.map((s) => [s.organization, s.totalCents])).toEqual([
      ['globex', 15000], // 100.00 + 2 x 25.00, capped at 150.00 (it is exactly the cap)
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
    const config = parseConfig(CONTRACT_CONFIG);
    const cycles: StatementCycle[] = new Engine(config)
      .evaluate(EVENTS, NOW)
      .flatMap((t) => t.cycles.map((c) => ({ ...c, ticket: t.ticket })));
    const contract = config.contracts[0];
    if (!contract) throw new Error('no contract');
    expect(globex).toEqual(
      contractStatement({ contract, organization: 'globex', month: '2026-11', cycles }),
    );
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

import { describe, expect, it } from 'vitest';
import { contractStatement } from '../src/compliance/statement.js';
import { statementCsv, statementJson } from '../src/compliance/statement-output.js';
import type { StatementCycle } from '../src/compliance/statement-types.js';
import { parseConfig } from '../src/config/parse.js';
import { Engine } from '../src/engine/engine.js';
import { parseEvents } from '../src/events/parse.js';

/**
 * A month of acme's tickets through the engine into a statement, every figure worked out by
 * hand. The contract measures first responses in 24x7 with a 1h target; its goal is 90%.
 */
const CONFIG = parseConfig({
  contracts: [
    {
      id: 'acme-gold',
      organizations: ['acme', 'acme-eu'],
      versions: [
        {
          from: '2026-10-01',
          calendar: '24x7',
          targets: { first_response: { '*': '1h' } },
          goals: { first_response: '90%' },
          fee: { amount: 1000, currency: 'EUR' },
          credits: [
            {
              metric: 'first_response',
              tiers: [
                { below: '90%', credit: '5%' },
                { below: '80%', credit: '10%' },
              ],
            },
            { perBreach: 25, priority: 'urgent', metric: 'first_response' },
            { perBreach: 99, priority: 'low' },
          ],
          cap: '12%',
        },
      ],
    },
  ],
});

let n = 0;
/** A ticket created at `at` and answered `minutes` later. */
function ticket(at: string, minutes: number, organization: string, priority = 'normal') {
  const id = `T-${++n}`;
  const created = Date.parse(at);
  return [
    { id: `${id}-c`, ticket: id, type: 'ticket.created', at, fields: { organization, priority } },
    {
      id: `${id}-r`,
      ticket: id,
      type: 'message',
      at: new Date(created + minutes * 60_000).toISOString(),
      author: 'agent',
      public: true,
    },
  ];
}

const events = parseEvents([
  // November for acme: 7 on time, 3 late (two of them urgent): 70% compliance.
  ...[2, 3, 4, 5, 6, 9, 10].flatMap((d) =>
    ticket(`2026-11-${String(d).padStart(2, '0')}T10:00:00Z`, 30, 'acme'),
  ),
  ...ticket('2026-11-11T10:00:00Z', 120, 'acme', 'urgent'),
  ...ticket('2026-11-12T10:00:00Z', 90, 'acme', 'urgent'),
  ...ticket('2026-11-13T10:00:00Z', 61, 'acme'),
  // Not acme's November: another organization of the contract, October, a breach in December.
  ...ticket('2026-11-13T10:00:00Z', 120, 'acme-eu', 'urgent'),
  ...ticket('2026-10-31T22:00:00Z', 120, 'acme'),
  ...ticket('2026-11-30T23:30:00Z', 120, 'acme'),
]);

const cycles: StatementCycle[] = new Engine(CONFIG)
  .evaluate(events, Date.parse('2026-12-15T00:00:00Z'))
  .flatMap((t) => t.cycles.map((c) => ({ ...c, ticket: t.ticket })));

const contract = CONFIG.contracts[0];
if (!contract) throw new Error('no contract');
const november = contractStatement({ contract, organization: 'acme', month: '2026-11', cycles });

describe('a contract statement', () => {
  it("judges the month's compliance against the goal and lists the breaches in order", () => {
    expect(november).toMatchObject({
      version: 1,
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
    });
    const [first] = november.metrics;
    expect(november.metrics).toHaveLength(1);
    expect(first).toMatchObject({
      metric: 'first_response',
      achieved: 7,
      breached: 3,
      compliancePct: 70,
      goalPct: 90,
      met: false,
    });
    expect(
      first?.breachedCycles.map((c) => [
        c.ticket,
        c.priority,
        new Date(c.breachedAt).toISOString(),
      ]),
    ).toEqual([
      ['T-8', 'urgent', '2026-11-11T11:00:00.000Z'],
      ['T-9', 'urgent', '2026-11-12T11:00:00.000Z'],
      ['T-10', 'normal', '2026-11-13T11:00:00.000Z'],
    ]);
  });

  it('owes the deepest tier, each urgent breach, nothing for rules without a cause, capped', () => {
    expect(
      november.credits.map((c) => [c.rule, c.kind, c.creditPct, c.amountCents, c.cycles.length]),
    ).toEqual([
      [0, 'compliance', 10, 10_000, 3],
      [1, 'per_breach', null, 5_000, 2],
    ]);
    expect(november.credits[1]?.cycles.map((c) => c.ticket)).toEqual(['T-8', 'T-9']);
    expect(november).toMatchObject({ subtotalCents: 15_000, capCents: 12_000, totalCents: 12_000 });
  });

  it('is JSON with decimal amounts and CSV with a line per metric, credit and total', () => {
    const json = statementJson(november);
    expect(json).toMatchObject({
      contract: 'acme-gold',
      organization: 'acme',
      month: '2026-11',
      from: '2026-11-01T00:00:00Z',
      currency: 'EUR',
      fee: '1000.00',
      subtotal: '150.00',
      cap: '120.00',
      total: '120.00',
    });
    expect(json.credits[1]?.cycles).toEqual(['T-8/first_response/1', 'T-9/first_response/1']);
    const lines = statementCsv([november]).split('\r\n');
    expect(lines[0]).toBe(
      'organization,month,contract,version,line,metric,priority,achieved,breached,compliance_pct,goal_pct,met,credit_pct,amount,currency,cycles',
    );
    expect(lines.slice(1)).toEqual([
      'acme,2026-11,acme-gold,1,metric,first_response,,7,3,70,90,false,,,,T-8/first_response/1 T-9/first_response/1 T-10/first_response/1',
      'acme,2026-11,acme-gold,1,credit,first_response,,,,70,,,10,100.00,EUR,T-8/first_response/1 T-9/first_response/1 T-10/first_response/1',
      'acme,2026-11,acme-gold,1,credit,first_response,urgent,,,,,,,50.00,EUR,T-8/first_response/1 T-9/first_response/1',
      'acme,2026-11,acme-gold,1,total,,,,,,,,,120.00,EUR,',
      '',
    ]);
  });

  it('counts each organization apart, and a cycle in the month of its outcome', () => {
    const eu = contractStatement({ contract, organization: 'acme-eu', month: '2026-11', cycles });
    expect(eu.metrics[0]).toMatchObject({ achieved: 0, breached: 1, compliancePct: 0 });
    expect(eu.totalCents).toBe(12_000);
    const october = contractStatement({ contract, organization: 'acme', month: '2026-10', cycles });
    expect(october.metrics[0]?.breachedCycles.map((c) => c.ticket)).toEqual(['T-12']);
    const december = contractStatement({
      contract,
      organization: 'acme',
      month: '2026-12',
      cycles,
    });
    expect(december.metrics[0]?.breachedCycles.map((c) => c.ticket)).toEqual(['T-13']);
  });

  it('refuses a month that is not one, or that no version covers', () => {
    expect(() =>
      contractStatement({ contract, organization: 'acme', month: '2026-13', cycles }),
    ).toThrow(/not a month/);
    expect(() =>
      contractStatement({ contract, organization: 'acme', month: '2026-09', cycles }),
    ).toThrow(/no version in force in 2026-09/);
  });
});

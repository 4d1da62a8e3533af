import { parseEvents } from '@breachless/core';
import { EngineCache, ingestEvents, saveConfig, schema } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { runDigests } from '../src/digests.js';

// Globex's contract: first response in 30m on 24x7, goal 90%, 10% of its 1,000.00 fee owed
// under it; the policy's 1h measures everyone else.
const CONFIG = {
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
          credits: [{ metric: 'first_response', tiers: [{ below: '90%', credit: '10%' }] }],
        },
      ],
    },
  ],
};
const at = (day: number, minute: number) =>
  new Date(Date.UTC(2026, 10, day, 9, minute)).toISOString();
const answered = (id: string, day: number, minutes: number) => [
  {
    id: `${id}-c`,
    ticket: id,
    type: 'ticket.created',
    at: at(day, 0),
    fields: { status: 'new', organization: 'globex' },
  },
  {
    id: `${id}-r`,
    ticket: id,
    type: 'message',
    at: at(day, minutes),
    author: 'agent',
    public: true,
  },
];
const DEC_1 = Date.UTC(2026, 11, 1, 9, 1);

describeEachDriver('the monthly statement digest', (handle) => {
  it('posts an organization’s statement of the month before on the first, once, with what is owed', async () => {
    const { db } = handle();
    await saveConfig(db, 'am', CONFIG, 'test');
    const events = parseEvents([...answered('G-1', 2, 10), ...answered('G-2', 3, 40)]);
    await ingestEvents(db, 'am', events, await new EngineCache().engineFor(db, 'am'), DEC_1);
    await db.insert(schema.chatSubscriptions).values({
      tenantId: 'am',
      id: 'sstate',
      platform: 'slack',
      channel: 'C-ACCOUNTS',
      kind: 'digest',
      filters: { organization: 'globex' },
      schedule: { every: 'monthly', time: '09:00', zone: 'UTC' },
      createdBy: 'U-AM',
      createdAt: new Date(Date.UTC(2026, 9, 15)),
    });
    const silent = pino({ level: 'silent' });
    expect(await runDigests(db, DEC_1, silent)).toBe(1);
    expect(await runDigests(db, DEC_1 + 3_600_000, silent)).toBe(0);
    const [digest] = await db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.tenantId, 'am'));
    expect(digest?.level).toBe('2026-12-01');
    expect('view' in (digest?.payload ?? {}) && digest?.payload).toMatchObject({
      view: {
        title: 'Statement for globex: 100.00 EUR owed',
        period: 'November 2026',
        goalPct: 90,
        metrics: [{ metric: 'first_response', achieved: 1, breached: 1, compliancePct: 50 }],
        worst: [{ ticket: 'G-2', metric: 'first_response', at: Date.UTC(2026, 10, 3, 9, 30) }],
        atRisk: [],
        late: false,
      },
    });
  });
});

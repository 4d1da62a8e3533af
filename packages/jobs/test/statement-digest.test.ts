import { parseEvents } from '@breachless/core';
import { EngineCache, ingestEvents, saveConfig, schema } from '@breachless/db';
import { answeredTicket, CONTRACT_CONFIG, describeEachDriver } from '@breachless/db/testing';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { runDigests } from '../src/digests.js';

// CONTRACT_CONFIG: globex's contract answers in 30m with a 90% goal, 10% of its 1,000.00 EUR
// fee owed under it.
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 9)).toISOString();
const DEC_1 = Date.UTC(2026, 11, 1, 9, 1);

describeEachDriver('the monthly statement digest', (handle) => {
  it('posts an organization’s statement of the month before on the first, once, with what is owed', async () => {
    const { db } = handle();
    await saveConfig(db, 'am', CONTRACT_CONFIG, 'test');
    const events = parseEvents([
      ...answeredTicket('G-1', at(2), 'globex', 10),
      ...answeredTicket('G-2', at(3), 'globex', 40),
    ]);
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

import { created, describeEachDriver, ingest, seedTenant } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHANNEL, MIN, startTeams, T0 } from './harness.js';

describeEachDriver('sla commands in Teams', (handle) => {
  let teams: Awaited<ReturnType<typeof startTeams>>;
  beforeAll(async () => {
    const { db } = handle();
    await seedTenant(db);
    await ingest(
      db,
      'default',
      [created('T-1', T0), created('T-2', T0 + 90 * MIN)],
      T0 + 120 * MIN,
    );
    teams = await startTeams(db, { managers: ['aad-lead'] });
    await teams.timer.advanceTo(T0 + 120 * MIN);
  });
  afterAll(() => teams.stop());

  it('answers an @mention in a channel with a card, in the same thread', async () => {
    const { status, reply, card } = await teams.say('sla stats today');
    expect(status).toBe(200);
    // In the thread of the command: the channel's conversation with the thread's message id.
    expect(reply?.conversation).toMatch(new RegExp(`^${CHANNEL};messageid=\\d+$`));
    expect(reply?.activityId).toMatch(/^in-\d+$/);
    expect(card).toContain('Compliance · Today (23 Nov)');
    expect(card).toContain('first response');
    expect(teams.connector.cardProblems).toEqual([]);
  });

  it('answers in a personal chat, with or without the word sla', async () => {
    expect((await teams.say('at-risk within:1h', { personal: true })).card).toContain('T-2');
    expect((await teams.say('sla ticket T-1', { personal: true })).card).toContain(
      'Ticket T-1 · policy std',
    );
  });

  it('answers a malformed command with what was wrong and the usage line', async () => {
    const { card } = await teams.say('sla stats 9999d');
    expect(card).toContain('a period of days runs from 1d to 366d');
    expect(card).toContain('Usage: sla stats');
    expect((await teams.say('sla help')).card).toContain('sla at-risk [within:2h] [team:X]');
  });

  it('lets only listed managers subscribe a channel', async () => {
    expect(
      (await teams.say('sla subscribe alerts team:billing', { user: 'aad-ana' })).card,
    ).toContain('Only the people on the Breachless managers list');
    const ok = (await teams.say('sla subscribe alerts team:billing', { user: 'aad-lead' })).card;
    expect(ok).toMatch(/subscription s[0-9a-z]{6}/);
    expect((await teams.say('sla subscriptions')).card).toContain('alerts: team:billing');
    expect(teams.connector.cardProblems).toEqual([]);
  });
});

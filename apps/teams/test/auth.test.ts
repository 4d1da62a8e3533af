import { schema } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTeams } from './harness.js';

describeEachDriver('Teams authentication in production mode', (handle) => {
  let teams: Awaited<ReturnType<typeof startTeams>>;
  beforeAll(async () => {
    teams = await startTeams(handle().db, { appId: '00000000-0000-0000-0000-000000000001' });
  });
  afterAll(() => teams.stop());

  it('refuses activities without a valid Bot Framework token, running nothing', async () => {
    const install = teams.activity({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:bot' }],
    });
    const none = await teams.post(install);
    const forged = await teams.post(install, { authorization: 'Bearer not-a-token' });
    const unsigned = await teams.post(install, {
      authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"00000000-0000-0000-0000-000000000001"}').toString('base64url')}.`,
    });
    expect([none.status, forged.status, unsigned.status]).toEqual([401, 401, 401]);
    expect(await handle().db.select().from(schema.chatConversations)).toEqual([]);
    expect(teams.connector.calls).toEqual([]);
  });

  it('answers a body that is not an activity with 400', async () => {
    const res = await fetch(`${teams.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,2',
    });
    expect(res.status).toBe(400);
  });
});

import { findInstallation, schema } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHANNEL, ORG, startTeams } from './harness.js';

describeEachDriver('Teams installs and removals', (handle) => {
  let teams: Awaited<ReturnType<typeof startTeams>>;
  const stored = async () =>
    (await handle().db.select().from(schema.chatConversations))
      .map((c) => `${c.tenantId} ${c.kind} ${c.conversationId}`)
      .sort();
  beforeAll(async () => {
    teams = await startTeams(handle().db, { multiTenant: true });
  });
  afterAll(() => teams.stop());

  it('links the organisation to a tenant and keeps references on install, per personal chat too', async () => {
    await teams.post(teams.activity({ type: 'installationUpdate', action: 'add' }));
    await teams.post(
      teams.activity(
        { type: 'installationUpdate', action: 'add' },
        { personal: true, user: 'aad-bob' },
      ),
    );
    expect((await findInstallation(handle().db, 'teams', ORG))?.tenant).toBe(ORG);
    expect(await stored()).toEqual([
      `${ORG} channel ${CHANNEL}`,
      `${ORG} personal a:personal-aad-bob`,
    ]);
    const [personal] = await handle()
      .db.select()
      .from(schema.chatConversations)
      .where(eq(schema.chatConversations.kind, 'personal'));
    expect(personal?.userId).toBe('aad-bob');
    expect(personal?.reference).not.toHaveProperty('activityId');
  });

  it('forgets the team on uninstall and when the bot is removed from it', async () => {
    await teams.post(teams.activity({ type: 'installationUpdate', action: 'remove' }));
    expect(await stored()).toEqual([`${ORG} personal a:personal-aad-bob`]);
    await teams.post(
      teams.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }] }),
    );
    expect(await stored()).toHaveLength(2);
    await teams.post(
      teams.activity({ type: 'conversationUpdate', membersRemoved: [{ id: '28:bot' }] }),
    );
    expect(await stored()).toEqual([`${ORG} personal a:personal-aad-bob`]);
  });
});

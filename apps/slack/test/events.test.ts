import { findInstallation, linkIdentity, saveInstallation } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationStore } from '../src/installation-store.js';
import { created, ingest, MIN, seedTenant, startSlack, T0, textOf } from './harness.js';

const event = (team: string, eventId: string, inner: Record<string, unknown>) =>
  JSON.stringify({
    token: 'legacy',
    team_id: team,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(T0 / 1000),
    event: { event_ts: '1.2', ...inner },
  });

const installation = (team: string) => ({
  team: { id: team, name: team },
  enterprise: undefined,
  isEnterpriseInstall: false,
  bot: { token: `xoxb-${team}`, scopes: ['chat:write'], id: `B${team}`, userId: `UBOT${team}` },
  user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
  tokenType: 'bot' as const,
  appId: 'A1',
  authVersion: 'v2' as const,
});

describeEachDriver('Slack events', (handle) => {
  describe('one workspace', () => {
    let slack: Awaited<ReturnType<typeof startSlack>>;
    beforeAll(async () => {
      const { db } = handle();
      await seedTenant(db);
      await linkIdentity(db, 'default', {
        platform: 'slack',
        user: 'UANA',
        agent: 'ana@example.com',
      });
      await ingest(
        db,
        'default',
        [created('H-1', T0, { assignee: 'ana@example.com' }), created('H-2', T0)],
        T0,
      );
      slack = await startSlack(db);
      await slack.timer.advanceTo(T0 + 10 * MIN);
    });
    afterAll(() => slack.stop());

    it('publishes the App Home with my tickets at risk, and handles a retried event once', async () => {
      const body = event('T1', 'Ev1', {
        type: 'app_home_opened',
        user: 'UANA',
        channel: 'DANA',
        tab: 'home',
      });
      expect((await slack.post(body, 'json')).status).toBe(200);
      const retry = await slack.post(body, 'json', {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(retry.status).toBe(200);
      await slack.run(() => slack.fake.of('views.publish').length > 0);
      // Give a wrongly processed retry the time to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const published = slack.fake.of('views.publish');
      expect(published).toHaveLength(1);
      expect(published[0]?.args.user_id).toBe('UANA');
      const home = JSON.stringify(published[0]?.args.view);
      expect(home).toContain('Linked to helpdesk agent ana@example.com');
      expect(home).toContain('*H-1* first response due');
      expect(home).not.toContain('H-2');
    });
  });

  describe('OAuth installs', () => {
    let slack: Awaited<ReturnType<typeof startSlack>>;
    beforeAll(async () => {
      const { db } = handle();
      const store = installationStore(db);
      await store.storeInstallation(installation('TA'));
      await store.storeInstallation(installation('TB'));
      await seedTenant(db, 'TB');
      await ingest(db, 'TB', [created('B-only', T0)], T0);
      slack = await startSlack(db, {
        mode: 'oauth',
        clientId: 'cid',
        clientSecret: 'cs',
        stateSecret: 'ss',
      });
      await slack.timer.advanceTo(T0 + 10 * MIN);
    });
    afterAll(() => slack.stop());

    it('keeps each workspace in its own tenant', async () => {
      expect((await findInstallation(handle().db, 'slack', 'TB'))?.tenant).toBe('TB');
      const body = (team: string, id: string) =>
        new URLSearchParams({
          team_id: team,
          user_id: 'U1',
          channel_id: 'C1',
          command: '/sla',
          text: 'ticket B-only',
          response_url: `${slack.fake.respondUrl}${id}`,
        }).toString();
      await slack.post(body('TB', 'b'), 'form');
      expect(textOf(await slack.answer('b'))).toContain('Ticket B-only');
      await slack.post(body('TA', 'a'), 'form');
      expect(textOf(await slack.answer('a'))).toContain('No events name ticket B-only');
    });

    it('keeps the tenant on reinstall and forgets the installation on app_uninstalled', async () => {
      const { db } = handle();
      await saveInstallation(db, {
        platform: 'slack',
        workspace: 'TA',
        tenant: 'acme',
        installation: installation('TA'),
      });
      await installationStore(db).storeInstallation(installation('TA'));
      expect((await findInstallation(db, 'slack', 'TA'))?.tenant).toBe('acme');
      const res = await slack.post(event('TA', 'Ev-un', { type: 'app_uninstalled' }), 'json');
      expect(res.status).toBe(200);
      // Uninstalling runs after the acknowledgement: wait for it (a minute at most, which a
      // busy machine needs), not for a fixed time.
      for (let i = 0; i < 6_000 && (await findInstallation(db, 'slack', 'TA')); i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await findInstallation(db, 'slack', 'TA')).toBeNull();
      expect(await findInstallation(db, 'slack', 'TB')).not.toBeNull();
    });
  });
});

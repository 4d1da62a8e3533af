import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { addWebhookSecret, EngineCache, saveConfig, schema } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { expect, it } from 'vitest';
import { createApp } from '../src/app.js';

const FIXTURES = new URL('../../../packages/connectors/src/', import.meta.url);
const fixture = (platform: string, name: string) =>
  readFileSync(new URL(`${platform}/fixtures/${name}`, FIXTURES), 'utf8');
const hmac = (secret: string, ...parts: string[]) => {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac;
};
const NOW = Date.parse('2026-11-23T10:00:00Z');

describeEachDriver('helpdesk webhooks', (handle) => {
  const app = () =>
    createApp({
      db: handle().db,
      engines: new EngineCache(),
      clock: () => NOW,
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
      maxBodyBytes: 50_000,
    });
  const send = (path: string, body: string, headers: Record<string, string>) =>
    app().request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const github = (tenant: string, secret: string, name: string, delivery = name) => {
    const body = fixture('github', name);
    return send(`/v1/webhooks/github?tenant=${tenant}`, body, {
      'x-hub-signature-256': `sha256=${hmac(secret, body).digest('hex')}`,
      'x-github-event': name.startsWith('comment')
        ? 'issue_comment'
        : name.startsWith('ping')
          ? 'ping'
          : 'issues',
      'x-github-delivery': delivery,
    });
  };
  const ticketsOf = async (tenant: string) =>
    (
      await handle().db.select().from(schema.tickets).where(eq(schema.tickets.tenantId, tenant))
    ).map((t) => t.id);

  it('GitHub: stores a signed delivery once, for the tenant whose secret signed it', async () => {
    const secret = await addWebhookSecret(handle().db, 'acme', 'github');
    await addWebhookSecret(handle().db, 'globex', 'github', 'globex-secret');
    await saveConfig(
      handle().db,
      'acme',
      { connectors: { github: { labelPriorities: { P1: 'urgent' } } } },
      'test',
    );
    const first = await github('acme', secret, 'issues-opened.json');
    expect([first.status, await first.json()]).toEqual([202, { accepted: 1, duplicates: 0 }]);
    expect(await ticketsOf('acme')).toEqual(['acme/widgets#42']);
    // GitHub redelivers with the same delivery id: a duplicate, not a second event.
    const again = await github('acme', secret, 'issues-opened.json');
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1 });
    // acme's secret does not verify for globex, and a forged signature verifies for no one.
    expect((await github('globex', secret, 'issues-opened.json')).status).toBe(401);
    expect((await github('acme', 'guess', 'issues-opened.json')).status).toBe(401);
    expect(await ticketsOf('globex')).toEqual([]);
    const ping = await github('acme', secret, 'ping.json');
    expect(ping.status).toBe(200);
    expect(await ping.json()).toHaveProperty('ignored');
  });

  it("GitHub: concurrent deliveries share the app's ingest, each answered for its own events", async () => {
    const first = await addWebhookSecret(handle().db, 'umbrella', 'github');
    const second = await addWebhookSecret(handle().db, 'initech', 'github', 'initech-secret');
    const opened = JSON.parse(fixture('github', 'issues-opened.json'));
    const issue = (n: number) =>
      JSON.stringify({ ...opened, issue: { ...opened.issue, number: n } });
    // One app, so that the deliveries arriving together are stored by shared transactions.
    const shared = app();
    const deliver = (tenant: string, secret: string, body: string) =>
      shared.request(`/v1/webhooks/github?tenant=${tenant}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${hmac(secret, body).digest('hex')}`,
          'x-github-event': 'issues',
        },
        body,
      });
    const sent = [
      ...[1, 2, 3, 4].map((n) => deliver('umbrella', first, issue(n))),
      deliver('umbrella', first, issue(1)),
      deliver('initech', second, issue(1)),
    ];
    const answers = await Promise.all(
      sent.map(async (request) => {
        const res = await request;
        return [res.status, await res.json()];
      }),
    );
    const once = { accepted: 1, duplicates: 0 };
    const found = { accepted: 0, duplicates: 1 };
    expect(answers.slice(1, 4)).toEqual([
      [202, once],
      [202, once],
      [202, once],
    ]);
    // The same body twice: one of the two stored it, the other found it stored. Which one is
    // not the order they were sent in: concurrent requests reach the ingest in the order
    // their credentials and engine lookups come back.
    expect([answers[0], answers[4]]).toContainEqual([202, once]);
    expect([answers[0], answers[4]]).toContainEqual([202, found]);
    expect(answers[5]).toEqual([202, once]);
    expect((await ticketsOf('umbrella')).sort()).toEqual(
      [1, 2, 3, 4].map((n) => `acme/widgets#${n}`),
    );
    expect(await ticketsOf('initech')).toEqual(['acme/widgets#1']);
  });

  it('Zendesk: checks the signed timestamp, then maps the ticket', async () => {
    await addWebhookSecret(handle().db, 'default', 'zendesk', 'zd-secret');
    const body = fixture('zendesk', 'ticket-created.json');
    const signed = (at: string, secret = 'zd-secret') => ({
      'x-zendesk-webhook-signature': hmac(secret, at, body).digest('base64'),
      'x-zendesk-webhook-signature-timestamp': at,
    });
    const stale = await send('/v1/webhooks/zendesk', body, signed('2026-11-23T09:50:00Z'));
    expect([stale.status, await stale.json()]).toEqual([
      401,
      { error: 'webhook signature not verified' },
    ]);
    const fresh = await send('/v1/webhooks/zendesk', body, signed('2026-11-23T09:59:30Z'));
    expect([fresh.status, await fresh.json()]).toEqual([202, { accepted: 1, duplicates: 0 }]);
    expect(await ticketsOf('default')).toHaveLength(1);
  });

  it('Jira: a signed issue_created becomes a ticket; a signed body that cannot be mapped is a 400 storing nothing', async () => {
    await addWebhookSecret(handle().db, 'jira-co', 'jira', 'jira-secret');
    const sign = (body: string) => ({
      'x-hub-signature': `sha256=${hmac('jira-secret', body).digest('hex')}`,
    });
    const body = fixture('jira', 'issue-created.json');
    const created = await send('/v1/webhooks/jira?tenant=jira-co', body, sign(body));
    expect(created.status).toBe(202);
    expect(await ticketsOf('jira-co')).toEqual(['SUP-42']);
    const broken = JSON.stringify({ ...JSON.parse(body), issue: { key: 7 } });
    const refused = await send('/v1/webhooks/jira?tenant=jira-co', broken, sign(broken));
    expect(refused.status).toBe(400);
    const answer = (await refused.json()) as { problems: { path: string }[] };
    expect(answer.problems.length).toBeGreaterThan(0);
    expect(await ticketsOf('jira-co')).toEqual(['SUP-42']);
  });

  it('answers 404 for an unknown platform, 413 over 512 KiB, 401 without a secret', async () => {
    expect((await send('/v1/webhooks/freshdesk', '{}', {})).status).toBe(404);
    await addWebhookSecret(handle().db, 'big-co', 'github', 'big-secret');
    const big = JSON.stringify({ pad: 'x'.repeat(512 * 1024) });
    const oversized = await send('/v1/webhooks/github?tenant=big-co', big, {});
    expect([oversized.status, await oversized.json()]).toEqual([
      413,
      { error: `body over ${512 * 1024} bytes` },
    ]);
    // Under the limit, the same unsigned body reaches the signature check.
    const fits = JSON.stringify({ pad: 'x'.repeat(500 * 1024) });
    expect((await send('/v1/webhooks/github?tenant=big-co', fits, {})).status).toBe(401);
    const body = fixture('github', 'issues-opened.json');
    const unsigned = await send('/v1/webhooks/github?tenant=nobody', body, {
      'x-github-event': 'issues',
    });
    expect(unsigned.status).toBe(401);
  });
});

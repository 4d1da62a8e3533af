// /v1/connections: a helpdesk connected for sync through the API (docs/sync.md), its
// health listed per tenant, its token rotated, and the token never in an answer or a log.
import { syncConnections } from '@breachless/db/schema';
import { describeEachDriver } from '@breachless/db/testing';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const TOKEN = 'zd-token-9f3a1c';

describeEachDriver('connections over HTTP', (handle) => {
  const h = harness(handle, NOW);
  const send = (tenant: string, method: string, path: string, body?: unknown) =>
    h.request(tenant, `/v1/connections${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const connect = {
    baseUrl: 'https://acme.zendesk.com/',
    email: 'agent@acme.com',
    token: TOKEN,
    since: '2026-01-01',
  };

  it('connects Zendesk, starts its backfill and lists its health for its tenant only, never the token', async () => {
    const res = await send('alpha', 'PUT', '/zendesk', connect);
    const text = await res.text();
    expect([res.status, JSON.parse(text)]).toEqual([
      202,
      { platform: 'zendesk', baseUrl: 'https://acme.zendesk.com', state: 'backfilling' },
    ]);
    const list = await h.getJson('alpha', '/v1/connections');
    expect(list.body).toMatchObject({
      connections: [
        {
          tenant: 'alpha',
          platform: 'zendesk',
          state: 'backfilling',
          lastSuccessAt: null,
          repaired: 0,
          lastError: null,
        },
      ],
    });
    expect(JSON.stringify(list.body) + text).not.toContain(TOKEN);
    expect(await h.getJson('beta', '/v1/connections')).toEqual({
      status: 200,
      body: { connections: [] },
    });
    const [row] = await handle()
      .db.select()
      .from(syncConnections)
      .where(eq(syncConnections.tenantId, 'alpha'));
    expect(row).toMatchObject({
      cursor: String(Date.UTC(2026, 0, 1) / 1000),
      credentials: { email: 'agent@acme.com', token: TOKEN },
    });
  });

  it('rotates the token only, keeping the email and the cursor', async () => {
    expect((await send('alpha', 'PUT', '/zendesk/token', { token: 'rotated' })).status).toBe(204);
    const [row] = await handle()
      .db.select()
      .from(syncConnections)
      .where(eq(syncConnections.tenantId, 'alpha'));
    expect(row).toMatchObject({
      credentials: { email: 'agent@acme.com', token: 'rotated' },
      cursor: String(Date.UTC(2026, 0, 1) / 1000),
    });
    expect((await send('beta', 'PUT', '/zendesk/token', { token: 'x' })).status).toBe(404);
  });

  it('refuses what it cannot use, every problem by path, and stores nothing', async () => {
    const res = await send('gamma', 'PUT', '/zendesk', {
      baseUrl: 'http://acme.zendesk.com',
      email: '',
      extra: 1,
      intervalMinutes: 0,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      problems: [
        { path: 'extra', message: 'is not a field of this request' },
        { path: 'email', message: 'must be a non-empty string' },
        { path: 'token', message: 'is required' },
        { path: 'intervalMinutes', message: 'must be a whole number of minutes from 1 to 1440' },
      ],
    });
    const plain = await send('gamma', 'PUT', '/zendesk', {
      ...connect,
      baseUrl: 'http://acme.zendesk.com',
    });
    expect([plain.status, await plain.json()]).toMatchObject([
      400,
      { problems: [{ path: 'baseUrl' }] },
    ]);
    const github = await send('gamma', 'PUT', '/github', {
      token: 'x',
      repos: ['ok/repo', 'nope'],
    });
    expect([github.status, await github.json()]).toMatchObject([
      400,
      { problems: [{ path: 'repos', message: 'must be a list of "owner/name" repositories' }] },
    ]);
    expect((await send('gamma', 'PUT', '/freshdesk', connect)).status).toBe(404);
    expect(await h.getJson('gamma', '/v1/connections')).toEqual({
      status: 200,
      body: { connections: [] },
    });
  });

  it('connects GitHub (its API by default) and Jira (with its JQL), their settings stored', async () => {
    const github = await send('delta', 'PUT', '/github', {
      token: 'gh-t',
      repos: ['acme/support'],
    });
    expect([github.status, await github.json()]).toEqual([
      202,
      { platform: 'github', baseUrl: 'https://api.github.com', state: 'backfilling' },
    ]);
    const jira = await send('delta', 'PUT', '/jira', {
      baseUrl: 'https://acme.atlassian.net',
      email: 'bot@acme.com',
      token: 'jira-t',
      jql: 'project = SUP',
    });
    expect(jira.status).toBe(202);
    const rows = await handle()
      .db.select()
      .from(syncConnections)
      .where(eq(syncConnections.tenantId, 'delta'));
    expect(rows.map((r) => [r.platform, r.settings, r.credentials]).sort()).toEqual([
      ['github', { repos: ['acme/support'] }, { token: 'gh-t' }],
      ['jira', { jql: 'project = SUP' }, { email: 'bot@acme.com', token: 'jira-t' }],
    ]);
    const list = await h.getJson('delta', '/v1/connections');
    expect(JSON.stringify(list.body)).not.toMatch(/gh-t|jira-t/);
  });

  it('disconnects, once', async () => {
    expect((await send('alpha', 'DELETE', '/zendesk')).status).toBe(204);
    expect((await send('alpha', 'DELETE', '/zendesk')).status).toBe(404);
  });
});

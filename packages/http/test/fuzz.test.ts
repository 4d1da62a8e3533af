import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { addWebhookSecret, currentConfig, rowsOf } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { harness } from './harness.js';
import { bodies } from './mutate.js';

// A fixed seed and a bounded budget: the same inputs on every run, a few seconds each.
const RUNS = { seed: 20261206, numRuns: 60 };
const NOW = Date.parse('2026-11-23T10:00:00Z');
const FIXTURES = new URL('../../../packages/connectors/src/', import.meta.url);
const fixture = (path: string) => JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8'));
const hmac = (secret: string, ...parts: string[]) => {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac;
};
const VALID_EVENTS = [
  {
    id: 'e1',
    ticket: 'F-1',
    type: 'ticket.created',
    at: '2026-11-23T09:00:00Z',
    by: 'customer',
    fields: { status: 'new', priority: 'high', team: 'billing', subject: 'x' },
  },
  {
    id: 'e2',
    ticket: 'F-1',
    type: 'message',
    at: '2026-11-23T09:20:00Z',
    author: 'agent',
    public: true,
  },
];
const VALID_CONFIG = {
  calendars: [{ id: 'ny', timezone: 'America/New_York', hours: { mon: [['09:00', '17:00']] } }],
  policies: [
    { id: 'std', calendar: 'ny', targets: { first_response: { '*': '1h' } }, warnings: ['75%'] },
  ],
};

describeEachDriver('hostile input', (handle) => {
  const h = harness(handle, NOW);
  const count = async (table: string, tenant: string) =>
    rowsOf<{ n: number }>(
      await handle().db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenant}`,
      ),
    )[0]?.n ?? 0;

  it('POST /v1/events: a clear 4xx or all of it, never a 500, never part of a batch', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodies(VALID_EVENTS),
        fc.constantFrom(
          'application/json',
          'application/json',
          'application/x-ndjson',
          'text/plain',
        ),
        async (body, type) => {
          const before = await count('ticket_events', 'fuzz');
          const res = await h.request('fuzz', '/v1/events', {
            method: 'POST',
            headers: { 'content-type': type },
            body,
          });
          expect([202, 400, 403, 413, 415], await res.clone().text()).toContain(res.status);
          const json = (await res.json()) as { error?: string; accepted?: number };
          if (res.status === 202)
            expect(await count('ticket_events', 'fuzz')).toBe(before + (json.accepted ?? 0));
          else {
            expect(typeof json.error).toBe('string');
            expect(await count('ticket_events', 'fuzz')).toBe(before);
          }
        },
      ),
      RUNS,
    );
  });

  it('PUT /v1/config: a 400 naming the problems, or a new version; a refused one changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodies(VALID_CONFIG), async (body) => {
        const before = (await currentConfig(handle().db, 'fuzz-config'))?.version ?? 0;
        const res = await h.request('fuzz-config', '/v1/config', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect([200, 400, 415], await res.clone().text()).toContain(res.status);
        const after = (await currentConfig(handle().db, 'fuzz-config'))?.version ?? 0;
        expect(after).toBe(res.status === 200 ? before + 1 : before);
      }),
      RUNS,
    );
  });

  const platforms = [
    {
      name: 'github',
      valid: fixture('github/fixtures/issues-opened.json'),
      headers: (secret: string, body: string) => ({
        'x-hub-signature-256': `sha256=${hmac(secret, body).digest('hex')}`,
        'x-github-event': 'issues',
        'x-github-delivery': hmac('d', body).digest('hex'),
      }),
    },
    {
      name: 'jira',
      valid: fixture('jira/fixtures/issue-created.json'),
      headers: (secret: string, body: string) => ({
        'x-hub-signature': `sha256=${hmac(secret, body).digest('hex')}`,
      }),
    },
    {
      name: 'zendesk',
      valid: fixture('zendesk/fixtures/ticket-created.json'),
      headers: (secret: string, body: string) => {
        const at = new Date(NOW).toISOString();
        return {
          'x-zendesk-webhook-signature': hmac(secret, at, body).digest('base64'),
          'x-zendesk-webhook-signature-timestamp': at,
        };
      },
    },
  ];
  it.each(platforms)(
    'webhook $name: signed hostile bodies get 200, 202 or 400 and store nothing when refused',
    async (p) => {
      const tenant = `fuzz-${p.name}`;
      const secret = await addWebhookSecret(handle().db, tenant, p.name as 'github');
      await fc.assert(
        fc.asyncProperty(bodies(p.valid), fc.boolean(), async (body, signed) => {
          const before = await count('ticket_events', tenant);
          const res = await h.app().request(`/v1/webhooks/${p.name}?tenant=${tenant}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(signed ? p.headers(secret, body) : {}),
            },
            body,
          });
          expect(signed ? [200, 202, 400] : [401], await res.clone().text()).toContain(res.status);
          if (res.status !== 202) expect(await count('ticket_events', tenant)).toBe(before);
        }),
        RUNS,
      );
    },
  );
});

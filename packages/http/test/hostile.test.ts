import { addWebhookSecret, rowsOf } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { harness } from './harness.js';
import { hostileEvent, MARKER } from './hostile-input.js';
import { HOSTILE_REQUESTS } from './hostile-requests.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const CONFIG = {
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
};

describeEachDriver('hostile requests with a valid token (issue 15, item 5)', (handle) => {
  const h = harness(handle, NOW);
  let log = '';
  const logger = pino(
    { level: 'trace' },
    {
      write: (line: string) => {
        log += line;
      },
    },
  );
  const count = async (table: string) =>
    rowsOf<{ n: number }>(
      await handle().db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = 'hostile'`,
      ),
    )[0]?.n ?? 0;

  it('answers each with a 4xx and a clear error, never a 500, storing nothing', async () => {
    const token = await h.token('hostile');
    await addWebhookSecret(handle().db, 'hostile', 'zendesk', 'zd-secret');
    const app = h.app({ logger });
    const put = await h.request('hostile', '/v1/config', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(CONFIG),
    });
    expect(put.status).toBe(200);
    const answers: string[] = [];
    for (const r of HOSTILE_REQUESTS) {
      const headers = new Headers(r.init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      const before = await count('ticket_events');
      const res = await app.request(r.path, { ...r.init, headers });
      const body = (await res.json()) as { error?: unknown };
      answers.push(`${r.name}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      if (r.accepted) {
        expect(res.status, r.name).toBe(202);
        continue;
      }
      expect(res.status >= 400 && res.status < 500, `${r.name}: ${answers.at(-1)}`).toBe(true);
      expect(typeof body.error, r.name).toBe('string');
      expect(JSON.stringify(body), r.name).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(await count('ticket_events'), r.name).toBe(before);
    }
    // The config stayed the valid one: every refused PUT left it as it was.
    expect(JSON.stringify((await h.getJson('hostile', '/v1/config')).body)).toContain('"p"');
    expect(answers).toHaveLength(HOSTILE_REQUESTS.length);
  });

  it('keeps every marker of those bodies and queries out of the logs, which it did write', async () => {
    // The access log wrote a line per request: the capture saw the suite.
    const lines = log.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(HOSTILE_REQUESTS.length);
    expect(log).toContain('"route":"/v1/events"');
    expect(log).not.toContain(MARKER);
  });

  it('logs a database error by its code and message, without the event it was storing', async () => {
    // A real failure inside the database, with the marker in the query's parameters: a check
    // the marked event breaks, added for this test alone.
    await handle().db.execute(
      sql.raw(
        `alter table ticket_events add constraint no_marker check (position('${MARKER}' in body::text) = 0) not valid`,
      ),
    );
    try {
      log = '';
      const app = h.app({ logger, clock: () => NOW });
      const res = await app.request('/v1/events', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await h.token('hostile')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify([hostileEvent({ id: 'e-db', ticket: 'H-DB' })]),
      });
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(log).toContain('23514'); // check_violation: what failed is logged
      expect(log).not.toContain(MARKER);
    } finally {
      await handle().db.execute(sql`alter table ticket_events drop constraint no_marker`);
    }
  });
});

import { describeEachDriver } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const MARKER = 'SUBJECT-MARKER-4b7e';
const config = (pause: boolean) => ({
  policies: [
    {
      ...{ id: 'p', calendar: '24x7', targets: { resolution: { '*': '8h' } } },
      ...(pause ? {} : { pause: { resolution: [] } }),
    },
  ],
});
const update = (id: string, ticket: string) => ({
  ...{ id, ticket, type: 'ticket.updated', at: new Date(NOW).toISOString() },
  fields: { subject: MARKER },
});

describeEachDriver('quarantine over HTTP', (handle) => {
  const h = harness(handle, NOW);
  const put = (tenant: string, body: unknown) =>
    h.request(tenant, '/v1/config', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('ingest answers 202 naming the quarantined ticket, listed for its tenant only', async () => {
    expect((await put('alpha', config(false))).status).toBe(200);
    // Stored by an earlier version: created pending in 1950, beyond int4's seconds on 24x7.
    const at = '1950-01-02T15:00:00.000Z';
    const body = {
      id: 'old',
      ticket: 'OLD',
      type: 'ticket.created',
      at,
      fields: { status: 'pending' },
    };
    await handle().db.execute(sql`
      insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
      values ('alpha', 'old', 'OLD', 'ticket.created', ${at}::timestamptz, ${JSON.stringify(body)}::jsonb)`);
    const res = await h.request('alpha', '/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([update('u1', 'OLD'), update('u2', 'FINE')]),
    });
    expect([res.status, await res.json()]).toEqual([
      202,
      { accepted: 2, duplicates: 0, quarantined: ['OLD'] },
    ]);

    const alpha = await h.getJson('alpha', '/v1/quarantine');
    expect(alpha).toEqual({
      status: 200,
      body: {
        tickets: [
          {
            ticket: 'OLD',
            error: expect.stringMatching(/out of range/),
            code: '22003',
            firstFailedAt: new Date(NOW).toISOString(),
            lastFailedAt: new Date(NOW).toISOString(),
            attempts: 1,
          },
        ],
        truncated: false,
      },
    });
    expect(JSON.stringify(alpha.body)).not.toContain(MARKER);
    expect(await h.getJson('beta', '/v1/quarantine')).toEqual({
      status: 200,
      body: { tickets: [], truncated: false },
    });
    expect((await h.app().request('/v1/quarantine')).status).toBe(401);
    const metrics = await (await h.app().request('/metrics')).text();
    expect(metrics).toContain('breachless_quarantined_tickets{tenant="alpha"} 1');
  });

  it('a config the ticket fails under as under the old one is saved; the ticket stays listed', async () => {
    const res = await put('alpha', {
      ...config(false),
      policies: [{ ...config(false).policies[0], id: 'q' }],
    });
    expect([res.status, await res.json()]).toEqual([
      200,
      { version: 2, recomputed: 0, quarantined: ['OLD'] },
    ]);
    const listed = await h.getJson('alpha', '/v1/quarantine');
    expect(listed.body).toMatchObject({ tickets: [{ ticket: 'OLD', attempts: 2 }] });
  });

  it('a config that breaks a ticket the current one evaluates answers 400 and is not saved', async () => {
    expect((await put('gamma', config(true))).status).toBe(200);
    await handle().db.execute(sql`
      insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
      values ('gamma', 'old', 'OLD', 'ticket.created', '1950-01-02T15:00:00Z',
        ${JSON.stringify({ id: 'old', ticket: 'OLD', type: 'ticket.created', at: '1950-01-02T15:00:00.000Z', fields: { status: 'pending' } })}::jsonb)`);
    await h.postEvents('gamma', [update('g1', 'OLD')]);
    const res = await put('gamma', config(false));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('(ticket OLD)');
    const current = await h.getJson('gamma', '/v1/config');
    expect(current.body).toMatchObject({ version: 1, config: config(true) });
  });

  it('a stored config this version refuses does not refuse the events: stored, set aside, released by a valid config', async () => {
    // Saved by an earlier version, before targets were bounded to a year.
    const old = {
      policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '400d' } } }],
    };
    await handle().db.execute(sql`
      insert into configs (tenant_id, version, body, changed_by)
      values ('delta', 1, ${JSON.stringify(old)}::jsonb, 'earlier version')`);
    const created = {
      ...{ id: 'd1', ticket: 'D-1', type: 'ticket.created', at: new Date(NOW).toISOString() },
      fields: { status: 'new' },
    };
    const res = await h.request('delta', '/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([created]),
    });
    expect([res.status, await res.json()]).toEqual([
      202,
      { accepted: 1, duplicates: 0, quarantined: ['D-1'] },
    ]);
    expect((await h.getJson('delta', '/v1/quarantine')).body).toMatchObject({
      tickets: [{ ticket: 'D-1', error: expect.stringMatching(/365d/) }],
    });
    const fixed = await put('delta', {
      policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
    });
    expect([fixed.status, await fixed.json()]).toEqual([
      200,
      { version: 2, recomputed: 1, quarantined: [] },
    ]);
    expect((await h.getJson('delta', '/v1/quarantine')).body).toEqual({
      tickets: [],
      truncated: false,
    });
    expect((await h.getJson('delta', '/v1/tickets/D-1/sla')).status).toBe(200);
  });
});

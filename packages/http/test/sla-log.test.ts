import { saveConfig } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

// 24x7 keeps due instants plain: first response due 1h after creation.
const CONFIG = {
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
};
const T0 = Date.parse('2026-11-23T09:00:00Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString().replace('.000', '');
const created = (ticket: string, minutes: number, fields: object) => ({
  id: `${ticket}-c`,
  ticket,
  type: 'ticket.created',
  at: iso(minutes),
  fields: { status: 'new', team: 'billing', ...fields },
});
const EVENTS = [
  created('LATE', 0, { organization: 'globex', requester: 'ann@globex.example' }),
  created('FAST', 10, { organization: 'initech' }),
  { id: 'FAST-r', ticket: 'FAST', type: 'message', at: iso(20), author: 'agent', public: true },
];

describeEachDriver('GET /v1/sla-log', (handle) => {
  const h = harness(handle, T0 + 90 * 60_000);
  const get = (tenant: string, query: string) => h.request(tenant, `/v1/sla-log${query}`);

  it('lists the period’s cycles as JSON, filtered, each tenant its own', async () => {
    await saveConfig(handle().db, 'acme', CONFIG, 'test');
    await saveConfig(handle().db, 'globex', CONFIG, 'test');
    await h.postEvents('acme', EVENTS);
    h.now = T0 + 25 * 3_600_000; // LATE is not evaluated again: it keeps its 10:30 figures
    await h.postEvents('acme', [created('NEXT-DAY', 24 * 60, { organization: 'globex' })]);
    await h.postEvents('globex', [created('OTHER', 0, {})]);
    const res = await get('acme', '?from=2026-11-23&to=2026-11-23');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const rows = (await res.json()) as Record<string, unknown>[];
    expect(rows).toEqual([
      expect.objectContaining({
        ticket: 'LATE',
        organization: 'globex',
        requester: 'ann@globex.example',
        outcome: 'breached',
        dueAt: '2026-11-23T10:00:00Z',
        overdueSeconds: 1800,
        remainingSeconds: null,
      }),
      expect.objectContaining({
        ticket: 'FAST',
        organization: 'initech',
        outcome: 'achieved',
        stoppedAt: '2026-11-23T09:20:00Z',
        remainingSeconds: 3000,
      }),
    ]);
    const globex = await get('acme', '?from=2026-11-23&to=2026-11-24&organization=globex');
    expect(((await globex.json()) as { ticket: string }[]).map((r) => r.ticket)).toEqual([
      'LATE',
      'NEXT-DAY',
    ]);
    const achieved = await get('acme', '?from=2026-11-23&to=2026-11-24&outcome=achieved');
    expect(((await achieved.json()) as { ticket: string }[]).map((r) => r.ticket)).toEqual([
      'FAST',
    ]);
    const theirs = await get('globex', '?from=2026-11-23&to=2026-11-24');
    expect(((await theirs.json()) as { ticket: string }[]).map((r) => r.ticket)).toEqual(['OTHER']);
  });

  it('answers CSV as a stream a client may leave after the first chunk', async () => {
    const res = await get('acme', '?from=2026-11-23&to=2026-11-24&format=csv&team=billing');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toMatch(/^ticket,organization,requester,team,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['LATE', 'FAST', 'NEXT-DAY', '']);
    const partial = await get('acme', '?from=2026-11-23&to=2026-11-24&format=csv');
    const reader = partial.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toMatch(/^ticket,/);
    await reader?.cancel();
  });

  it('lists every wrong parameter in one 400', async () => {
    const res = await get('acme', '?to=2026-13-01&format=xml&metric=speed&outcome=late&tem=x');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: { path: string }[] };
    expect(body.problems.map((p) => p.path).sort()).toEqual(
      ['format', 'from', 'metric', 'outcome', 'tem', 'to'].sort(),
    );
  });
});

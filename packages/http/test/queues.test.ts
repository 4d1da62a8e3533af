import { checkInteractions, queueStats } from '@breachless/core';
import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const T = (m: number, s = 0) => new Date(Date.UTC(2026, 10, 23, 9, m, s)).toISOString();
const CALLS = [
  { id: 'c1', queue: 'billing', channel: 'phone', offeredAt: T(0), answeredAt: T(0, 15) },
  { id: 'c2', queue: 'billing', channel: 'phone', offeredAt: T(1), answeredAt: T(1, 45) },
  { id: 'c3', queue: 'billing', channel: 'chat', offeredAt: T(2), abandonedAt: T(2, 3) },
  { id: 'c4', queue: 'billing', channel: 'chat', offeredAt: T(3), abandonedAt: T(4) },
  { id: 'c5', queue: 'sales', offeredAt: T(5) },
];

describeEachDriver('contact-center queues', (handle) => {
  const h = harness(handle, Date.parse('2026-11-23T12:00:00Z'));
  const post = (tenant: string, body: unknown, type = 'application/json') =>
    h.request(tenant, '/v1/interactions', {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('takes interactions all-or-nothing, idempotent by id, and reports service level as the core does', async () => {
    const bad = await post('q1', [
      ...CALLS,
      { id: 'x', queue: 'billing', offeredAt: T(9), answeredAt: T(8) },
    ]);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      problems: [{ path: '[5].answeredAt', message: 'before offeredAt' }],
    });
    const empty = await h.getJson('q1', '/v1/reports/queues?from=2026-11-23&to=2026-11-23');
    expect(empty.body).toEqual({ rows: [] });

    const first = await post(
      'q1',
      CALLS.map((c) => JSON.stringify(c)).join('\n'),
      'application/x-ndjson',
    );
    expect(await first.json()).toEqual({ accepted: 5, updated: 0 });
    // The waiting call is answered later: sent again, it is updated, not doubled.
    const again = await post('q1', [{ ...CALLS[4], answeredAt: T(5, 10) }]);
    expect(await again.json()).toEqual({ accepted: 0, updated: 1 });

    const query = 'from=2026-11-23&to=2026-11-23&threshold=20&shortAbandon=5&byChannel=true';
    const report = await h.getJson('q1', `/v1/reports/queues?${query}`);
    const calls = checkInteractions([...CALLS.slice(0, 4), { ...CALLS[4], answeredAt: T(5, 10) }]);
    if (!('interactions' in calls)) throw new Error('fixture does not parse');
    expect(report.body).toEqual({
      rows: queueStats(calls.interactions, {
        thresholdSeconds: 20,
        shortAbandonSeconds: 5,
        byChannel: true,
      }),
    });
    expect(
      (report.body as { rows: { channel: string }[] }).rows.find((r) => r.channel === 'chat'),
    ).toMatchObject({
      shortAbandoned: 1,
      abandoned: 1,
    });
    expect((await h.getJson('q2', `/v1/reports/queues?${query}`)).body).toEqual({ rows: [] });

    const csv = await h.request('q1', `/v1/reports/queues?${query}&abandoned=exclude&format=csv`);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'queue,channel,offered,answered,abandoned,waiting,shortAbandoned,serviceLevelPct,averageSpeedOfAnswerSeconds,abandonmentRatePct',
    );
    expect(lines).toContain('billing,phone,2,2,0,0,0,50,30,0');
  });

  it('lists every bad query parameter at once', async () => {
    const res = await h.getJson(
      'q1',
      '/v1/reports/queues?from=2026-13-01&threshold=-1&abandoned=maybe&byChannel=yes&tz=Nowhere&x=1',
    );
    expect(res.status).toBe(400);
    expect(
      (res.body as { problems: { path: string }[] }).problems.map((p) => p.path).sort(),
    ).toEqual(['abandoned', 'byChannel', 'from', 'threshold', 'to', 'tz', 'x']);
  });
});

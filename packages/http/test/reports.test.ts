import { reportCsv } from '@breachless/core';
import { saveConfig } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';
import { ACME, CONFIG, expected, GLOBEX, NOW } from './report-fixture.js';

describeEachDriver('GET /v1/reports/compliance', (handle) => {
  const h = harness(handle, NOW);
  const report = (tenant: string, query: string) =>
    h.getJson(tenant, `/v1/reports/compliance?${query}`);
  const creation = (e: object) => (e as { type: string }).type === 'ticket.created';

  it('gives the rows the core computes in memory from the same events', async () => {
    for (const tenant of ['acme', 'globex']) await saveConfig(handle().db, tenant, CONFIG, 'test');
    // Each ticket's later events in a later request: its cycles are recomputed from them all.
    await h.postEvents('acme', ACME.filter(creation));
    await h.postEvents(
      'acme',
      ACME.filter((e) => !creation(e)),
    );
    await h.postEvents('globex', GLOBEX);
    const nov = ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'] as const;
    const cases: [string, ReturnType<typeof expected>][] = [
      // Dates in New York: from the 23rd's midnight there to the end of the 25th.
      [
        'from=2026-11-23&to=2026-11-25&by=day,team&tz=America/New_York',
        expected(
          ACME,
          '2026-11-23T05:00:00Z',
          '2026-11-26T05:00:00Z',
          'day,team',
          'America/New_York',
        ),
      ],
      [
        'from=2026-11-24T00:00:00Z&to=2026-11-26T12:00:00%2B01:00&by=metric,agent',
        expected(ACME, '2026-11-24T00:00:00Z', '2026-11-26T11:00:00Z', 'metric,agent'),
      ],
      [
        'from=2026-11-01&to=2026-11-30&by=week,priority,channel,policy',
        expected(ACME, ...nov, 'week,priority,channel,policy'),
      ],
      ['from=2026-11-01&to=2026-11-30', expected(ACME, ...nov)],
    ];
    for (const [query, want] of cases) {
      const { status, body } = await report('acme', query);
      expect(status, query).toBe(200);
      expect(body, query).toEqual(want.json);
    }
    // Not vacuous: the whole month has both outcomes of both metrics.
    const whole = cases[3]?.[1].rows ?? [];
    expect(whole.map((r) => r.metric)).toEqual(['first_response', 'resolution']);
    for (const row of whole) expect(row.achieved * row.breached).toBeGreaterThan(0);
  });

  it('counts an outcome at `from` and leaves one at `to` out', async () => {
    // EDGE's first response is achieved at 10:00:07Z (report-fixture.ts).
    const edge = await report('acme', 'from=2026-11-24T10:00:07Z&to=2026-11-24T10:00:08Z');
    expect(edge.body).toEqual(expected(ACME, '2026-11-24T10:00:07Z', '2026-11-24T10:00:08Z').json);
    const rows = (edge.body as { rows: { achieved: number }[] }).rows;
    expect(rows.map((r) => r.achieved)).toEqual([1]);
    const before = await report('acme', 'from=2026-11-24T10:00:01Z&to=2026-11-24T10:00:07Z');
    expect(before.body).toEqual({ rows: [] });
  });

  it('answers CSV with the header and rows of `breachless report --format csv`', async () => {
    const path = '/v1/reports/compliance?from=2026-11-23&to=2026-11-27&by=team&format=csv';
    const res = await h.request('acme', path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'team,metric,achieved,breached,compliance_pct,' +
        'achieved_avg_s,achieved_min_s,achieved_max_s,achieved_p50_s,achieved_p90_s,' +
        'breached_avg_s,breached_min_s,breached_max_s,breached_p50_s,breached_p90_s',
    );
    expect(lines[1]).toMatch(/^billing,first_response,\d+,\d+,[\d.]+,/);
    // The blank team is stored as '' and reported with the missing ones, last.
    expect(lines.at(-2)).toMatch(/^,resolution,/);
    const { rows } = expected(ACME, '2026-11-23T00:00:00Z', '2026-11-28T00:00:00Z', 'team');
    expect(text).toBe(reportCsv(rows, ['team']));
  });

  it("keeps tenants apart: each token reports its own tenant's cycles alone", async () => {
    const query = 'from=2026-11-01&to=2026-11-30&by=team,agent';
    const nov = ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'] as const;
    const globex = expected(GLOBEX, ...nov, 'team,agent');
    expect(globex.rows.length).toBeGreaterThan(0);
    expect((await report('globex', query)).body).toEqual(globex.json);
    expect((await report('acme', query)).body).toEqual(expected(ACME, ...nov, 'team,agent').json);
    expect((await report('initech', query)).body).toEqual({ rows: [] });
  });

  it('answers 400 listing every bad parameter at once', async () => {
    const problems = async (query: string) => {
      const { status, body } = await report('acme', query);
      expect(status, query).toBe(400);
      return (body as { problems: { path: string; message: string }[] }).problems;
    };
    const all = await problems(
      'from=yesterday&to=2026-02-30&by=team,queue&tz=Mars/Base&format=xml',
    );
    expect(all.map((p) => p.path)).toEqual(['tz', 'from', 'to', 'by', 'format']);
    expect(all[3]?.message).toMatch(/^unknown "queue" \(use day, week/);
    expect((await problems('')).map((p) => p.path)).toEqual(['from', 'to']);
    expect(await problems('from=2026-11-25&to=2026-11-24T00:00:00Z')).toEqual([
      { path: 'to', message: 'the period must end after it starts' },
    ]);
    const local = await problems('from=2026-11-24T10:00:00&to=2026-11-25&week=1');
    expect(local.map((p) => p.path)).toEqual(['week', 'from']);
  });
});

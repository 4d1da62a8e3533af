import { saveConfig } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';
import { ACME, CONFIG, expected, NOW } from './report-fixture.js';

const QUERY = 'from=2026-11-23&to=2026-11-25&by=day,team&tz=America/New_York';
const PATH = `/v1/reports/compliance?${QUERY}`;

describeEachDriver('a report that runs longer than its request waits', (handle) => {
  const h = harness(handle, NOW);

  it('answers 202 with where to ask again, runs on, and gives the rows there', async () => {
    await saveConfig(handle().db, 'acme', CONFIG, 'test');
    const creation = (e: object) => (e as { type: string }).type === 'ticket.created';
    await h.postEvents('acme', ACME.filter(creation));
    await h.postEvents(
      'acme',
      ACME.filter((e) => !creation(e)),
    );
    const token = await h.token('acme');
    // The report's patience: spent at once for the first request, endless for the next.
    let patience = () => Promise.resolve();
    const app = h.app({ reportPatience: () => patience() });
    const get = (path: string) =>
      Promise.resolve(app.request(path, { headers: { authorization: `Bearer ${token}` } }));

    // A patience spent at once: the report cannot be done by then (it needs the database).
    const first = await get(PATH);
    expect(first.status).toBe(202);
    expect(first.headers.get('location')).toBe(PATH);
    expect(first.headers.get('retry-after')).toBe('5');
    expect(await first.json()).toEqual({ status: 'running', retryAfterSeconds: 5 });

    // Asked again: the same computation, run on past its request, gives the report.
    patience = () => new Promise<void>(() => {});
    const want = expected(
      ACME,
      '2026-11-23T05:00:00Z',
      '2026-11-26T05:00:00Z',
      'day,team',
      'America/New_York',
    );
    expect(want.json.rows.length).toBeGreaterThan(0);
    const again = await get(first.headers.get('location') ?? '');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(want.json);
    // Handed over once: the next request computes it afresh, with the same rows.
    const fresh = await get(PATH);
    expect(fresh.status).toBe(200);
    expect(await fresh.json()).toEqual(want.json);
  });
});

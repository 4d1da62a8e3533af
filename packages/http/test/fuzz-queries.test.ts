import { describeEachDriver } from '@breachless/db/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { harness } from './harness.js';
import { PROTOTYPE_NAMES } from './mutate.js';

// A fixed seed and a bounded budget: the same inputs on every run.
const RUNS = { seed: 20261207, numRuns: 80 };
const NOW = Date.parse('2026-11-23T10:00:00Z');
const ROUTES: Record<string, string[]> = {
  '/v1/at-risk': ['within', 'team', 'priority', 'metric', 'limit'],
  '/v1/reports/compliance': ['from', 'to', 'by', 'tz', 'format'],
  '/v1/reports/queues': [
    'from',
    'to',
    'tz',
    'threshold',
    'abandoned',
    'shortAbandon',
    'byChannel',
    'format',
  ],
  '/v1/notifications': ['since', 'ticket'],
  '/v1/tickets/T-1/sla': ['cycles'],
};
/** Query values of issue 15's hostile requests, next to plausible ones. */
const VALUES = [
  ...PROTOTYPE_NAMES,
  '%00',
  'x%00y',
  '%ED%A0%80', // a lone surrogate, UTF-8-encoded: not valid UTF-8
  '%F0%9F%98%80', // a whole emoji
  'x'.repeat(2_800),
  '0000-01-01',
  '1000-01-01',
  '1990-01-01',
  '2026-11-01',
  '2026-11-23',
  '%2B275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-11-23T00:00:00Z',
  '99999999999999999999h',
  '2h',
  '1e400',
  '-1',
  '500',
  'day,team',
  'day,week',
  'America/New_York',
  'csv',
  '',
];

describeEachDriver('hostile queries', (handle) => {
  const h = harness(handle, NOW);

  it('every query of every GET route: a 200 or a 4xx with an error, never a 5xx', async () => {
    const route = fc.constantFrom(...Object.keys(ROUTES));
    const pair = (names: string[]) =>
      fc.tuple(fc.constantFrom(...names, ...PROTOTYPE_NAMES), fc.constantFrom(...VALUES));
    await fc.assert(
      fc.asyncProperty(
        route.chain((r) =>
          fc.tuple(fc.constant(r), fc.array(pair(ROUTES[r] ?? []), { maxLength: 4 })),
        ),
        fc.constantFrom('T-1', '%00', '__proto__', 'constructor', 'x'.repeat(300), '%ED%A0%80'),
        async ([path, pairs], ticket) => {
          const query = pairs.map(([name, value]) => `${name}=${value}`).join('&');
          const url = `${path.replace('T-1', ticket)}?${query}`;
          const res = await h.request('fuzz-q', url);
          expect(res.status, url).toBeLessThan(500);
          const body = (await res.clone().json()) as { error?: unknown };
          if (res.status >= 400) expect(typeof body.error, url).toBe('string');
        },
      ),
      RUNS,
    );
  });
});

import { saveConfig } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const CONFIG = {
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '30m' } } }],
};
const T0 = Date.parse('2026-12-07T05:12:55Z');
// The clock of a real server has milliseconds: the event arrives 463 ms into its second.
const RECEIVED = T0 + 463;

describeEachDriver('GET /v1/at-risk, secondsLeft', (handle) => {
  const h = harness(handle, RECEIVED);

  it('is a whole number of seconds, rounded down: never more time than there is', async () => {
    await saveConfig(handle().db, 'acme', CONFIG, 'test');
    await h.postEvents('acme', [
      {
        id: 'c',
        ticket: 'T-1',
        type: 'ticket.created',
        at: new Date(T0).toISOString(),
        fields: { status: 'new' },
      },
    ]);
    for (const [later, left] of [
      [0, 1800],
      [999, 1799],
      [61_500, 1739],
    ] as const) {
      h.now = RECEIVED + later;
      const { status, body } = await h.getJson('acme', '/v1/at-risk?within=1h');
      expect(status).toBe(200);
      const [cycle] = (body as { cycles: { secondsLeft: number }[] }).cycles;
      expect(Number.isInteger(cycle?.secondsLeft), String(cycle?.secondsLeft)).toBe(true);
      expect(cycle?.secondsLeft).toBe(left);
    }
  });
});

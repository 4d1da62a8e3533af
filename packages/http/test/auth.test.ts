import { revokeToken } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const configOf = (target: string) => ({
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': target } } }],
});
const idOf = (token: string) => token.slice(3, 15);

describeEachDriver('bearer tokens under concurrent requests', (handle) => {
  const h = harness(handle, NOW);

  it("answers each concurrent request as its own token's tenant, and refuses the rest", async () => {
    for (const [tenant, target] of [
      ['alpha', '1h'],
      ['beta', '2h'],
    ] as const) {
      const put = await h.request(tenant, '/v1/config', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(configOf(target)),
      });
      expect(put.status).toBe(200);
    }
    const alpha = await h.token('alpha');
    const beta = await h.token('beta');
    const forged = `${alpha.slice(0, -1)}${alpha.endsWith('A') ? 'B' : 'A'}`;
    // One app, so that the requests share its token checks.
    const app = h.app();
    const headers = ['alpha', 'beta', 'forged', 'none', 'alpha', 'beta', 'alpha'];
    const bearer = { alpha, beta, forged } as Record<string, string>;
    const answers = await Promise.all(
      headers.map(async (who) => {
        const res = await app.request('/v1/config', {
          headers: bearer[who] ? { authorization: `Bearer ${bearer[who]}` } : {},
        });
        const body = (await res.json()) as { config?: { policies: { targets: unknown }[] } };
        return [res.status, JSON.stringify(body.config?.policies[0]?.targets ?? null)];
      }),
    );
    const targets = (t: string) => JSON.stringify({ first_response: { '*': t } });
    expect(answers).toEqual([
      [200, targets('1h')],
      [200, targets('2h')],
      [401, 'null'],
      [401, 'null'],
      [200, targets('1h')],
      [200, targets('2h')],
      [200, targets('1h')],
    ]);
  });

  it('refuses a token at once after its revocation, while other requests are answered', async () => {
    const app = h.app();
    const token = await h.token('gamma');
    const ask = (t: string) =>
      app.request('/v1/quarantine', { headers: { authorization: `Bearer ${t}` } });
    expect((await ask(token)).status).toBe(200);
    // Requests in flight on the same app while the token is revoked.
    const during = Array.from({ length: 5 }, () => ask(token));
    await revokeToken(handle().db, idOf(token));
    const after = await Promise.all(Array.from({ length: 5 }, () => ask(token)));
    expect(after.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    for (const res of await Promise.all(during)) expect([200, 401]).toContain(res.status);
    expect((await ask(await h.token('alpha'))).status).toBe(200);
  });
});

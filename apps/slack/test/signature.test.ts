import { describeEachDriver } from '@breachless/db/testing';
import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant, sign, startSlack } from './harness.js';

// Slack's documented example (docs.slack.dev, "Verifying requests from Slack").
const DOC_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOC_TIMESTAMP = 1531420618;
const DOC_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOC_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe("Slack's documented signing example", () => {
  it('is what our test signer computes', () => {
    expect(sign(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY)).toBe(DOC_SIGNATURE);
  });

  it("passes Bolt's verifier at its own time and fails five minutes later", () => {
    const request = {
      signingSecret: DOC_SECRET,
      body: DOC_BODY,
      headers: { 'x-slack-signature': DOC_SIGNATURE, 'x-slack-request-timestamp': DOC_TIMESTAMP },
    };
    expect(() =>
      verifySlackRequest({ ...request, nowMilliseconds: DOC_TIMESTAMP * 1000 + 1000 }),
    ).not.toThrow();
    expect(() =>
      verifySlackRequest({ ...request, nowMilliseconds: (DOC_TIMESTAMP + 301) * 1000 }),
    ).toThrow(/stale/);
  });
});

describeEachDriver('slack request signatures', (handle) => {
  let slack: Awaited<ReturnType<typeof startSlack>>;
  beforeAll(async () => {
    await seedTenant(handle().db);
    slack = await startSlack(handle().db);
  });
  afterAll(() => slack.stop());

  const body = () =>
    new URLSearchParams({
      team_id: 'T1',
      user_id: 'U1',
      channel_id: 'C1',
      command: '/sla',
      text: 'help',
      response_url: `${slack.fake.respondUrl}x`,
    }).toString();

  it('answers a validly signed command', async () => {
    const res = await slack.post(body(), 'form');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/sla stats');
  });

  it('refuses a wrong signature, a stale one and a missing one, running nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const wrong = await slack.post(body(), 'form', { secret: 'not-the-secret' });
    const stale = await slack.post(body(), 'form', { timestamp: now - 6 * 60 });
    const missing = await slack.post(body(), 'form', { omit: true });
    expect([wrong.status, stale.status, missing.status]).toEqual([401, 401, 401]);
    for (const res of [wrong, stale, missing]) expect(await res.text()).not.toContain('/sla stats');
    expect(slack.fake.calls).toEqual([]);
  });

  it('accepts a signature within the five-minute window', async () => {
    const res = await slack.post(body(), 'form', {
      timestamp: Math.floor(Date.now() / 1000) - 4 * 60,
    });
    expect(res.status).toBe(200);
  });
});

import type { AddressInfo } from 'node:net';
import { CHAT_SERVER_LIMITS } from '@breachless/chat';
import {
  connectionsDrained,
  rawExchange,
  truncatedPost,
  unhandledDuring,
} from '@breachless/chat/testing';
import { describeEachDriver } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedTenant, startSlack } from './harness.js';

describeEachDriver('the Slack app under hostile requests', (handle) => {
  let slack: Awaited<ReturnType<typeof startSlack>>;
  let port = 0;
  beforeAll(async () => {
    await seedTenant(handle().db);
    // Small limits so a trickled body is cut off within a few hundred milliseconds.
    slack = await startSlack(handle().db, undefined, {
      ...CHAT_SERVER_LIMITS,
      requestTimeoutMs: 300,
      headersTimeoutMs: 200,
      checkIntervalMs: 50,
      maxBodyBytes: 4096,
    });
    port = (slack.server.address() as AddressInfo).port;
  });
  afterAll(() => slack.stop());

  const stillServing = async () => {
    expect((await fetch(`${slack.base}/healthz`)).status).toBe(200);
    const help = await slack.command('help');
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.ack)).toContain('/sla stats');
  };

  it('survives a body cut short by a client that goes away, and still serves', async () => {
    const unhandled = await unhandledDuring(async () => {
      const head = truncatedPost('/slack/events', 100, 'command=%2Fsla');
      expect(await rawExchange(port, head, 'destroy')).toBe('');
      await connectionsDrained(slack.server);
    });
    expect(unhandled).toEqual([]);
    await stillServing();
  });

  it('answers a clear 400 to a body cut short while the client still listens', async () => {
    const answer = await rawExchange(
      port,
      truncatedPost('/slack/events', 100, 'command=%2Fsla'),
      'half-close',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await stillServing();
  });

  it('cuts off a body trickled slower than the request timeout', async () => {
    const answer = await rawExchange(port, truncatedPost('/slack/events', 2000, ''), {
      trickleMs: 40,
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    await stillServing();
  });

  it('answers 404 to a path Bolt does not serve, where Bolt throws', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/slack/other'],
      ['GET', '/slack/events'],
    ] as const) {
      const res = await fetch(`${slack.base}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    await stillServing();
  });

  it('refuses a body over the limit with 413 before reading it', async () => {
    const res = await slack.post(`text=${'x'.repeat(5000)}`, 'form');
    expect(res.status).toBe(413);
    expect(slack.fake.calls.filter((c) => c.method !== 'users.info')).toEqual([]);
  });
});

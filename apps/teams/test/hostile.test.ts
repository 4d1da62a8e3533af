import type { AddressInfo } from 'node:net';
import { CHAT_SERVER_LIMITS } from '@breachless/chat';
import {
  connectionsDrained,
  rawExchange,
  truncatedPost,
  unhandledDuring,
} from '@breachless/chat/testing';
import { schema } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTeams } from './harness.js';

describeEachDriver('the Teams bot under hostile requests', (handle) => {
  let teams: Awaited<ReturnType<typeof startTeams>>;
  let port = 0;
  beforeAll(async () => {
    // Small limits so a trickled body is cut off within a few hundred milliseconds.
    teams = await startTeams(handle().db, {
      limits: {
        ...CHAT_SERVER_LIMITS,
        requestTimeoutMs: 300,
        headersTimeoutMs: 200,
        checkIntervalMs: 50,
        maxBodyBytes: 4096,
      },
    });
    port = (teams.server.address() as AddressInfo).port;
  });
  afterAll(() => teams.stop());

  const stillServing = async () => {
    expect((await fetch(`${teams.base}/healthz`)).status).toBe(200);
    const install = teams.activity({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:bot' }],
    });
    expect((await teams.post(install)).status).toBe(200);
  };

  it('survives a body cut short by a client that goes away, and still serves', async () => {
    const unhandled = await unhandledDuring(async () => {
      const answer = await rawExchange(
        port,
        truncatedPost('/api/messages', 100, '{"type":'),
        'destroy',
      );
      expect(answer).toBe('');
      await connectionsDrained(teams.server);
    });
    expect(unhandled).toEqual([]);
    await stillServing();
  });

  it('answers a clear 400 to a body cut short while the client still listens', async () => {
    const answer = await rawExchange(
      port,
      truncatedPost('/api/messages', 100, '{"type":'),
      'half-close',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"error":');
    await stillServing();
  });

  it('cuts off a body trickled slower than the request timeout', async () => {
    const answer = await rawExchange(port, truncatedPost('/api/messages', 2000, ''), {
      trickleMs: 40,
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    await stillServing();
  });

  it('answers 400 with the problems to JSON that is not an activity, 413 over the limit', async () => {
    const noType = await teams.post(teams.activity({ text: 'help' }));
    expect(noType.status).toBe(400);
    expect(await noType.json()).toEqual({
      error: 'the body is not an activity',
      problems: ['type: is required (a string)'],
    });
    const bare = await teams.post({ type: 'message', text: 'help' });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { problems: string[] }).problems).toEqual([
      'serviceUrl: is required (a string)',
      'from.id: is required (a string)',
      'recipient.id: is required (a string)',
      'conversation.id: is required (a string)',
    ]);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1000; i++) deep = [deep];
    const unstorable = await teams.post(
      teams.activity({
        type: 'message',
        text: 'a\u0000b',
        from: { id: '29:x', name: '\ud800' },
        value: deep,
      }),
    );
    expect(unstorable.status).toBe(400);
    expect(((await unstorable.json()) as { problems: string[] }).problems).toEqual([
      expect.stringMatching(/^from\.name: must not contain a lone UTF-16 surrogate/),
      expect.stringMatching(/^text: must not contain the NUL character/),
      expect.stringMatching(/^value(\[0\])+: is nested more than \d+ levels deep$/),
    ]);
    for (const body of [[1, 2], 'text', null])
      expect((await teams.post(body)).status, JSON.stringify(body)).toBe(400);
    const big = await teams.post(teams.activity({ type: 'message', text: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    expect(teams.connector.calls.filter((c) => c.kind === 'send')).toEqual([]);
    const stored = await handle().db.select().from(schema.chatConversations);
    expect(stored.map((c) => c.conversationId)).toEqual(['19:billing@thread.tacv2']);
  });
});

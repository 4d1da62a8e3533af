import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './fake-slack.js';

const metadata = JSON.stringify({
  event_type: 'breachless_sla_alert',
  event_payload: { ticket: 'T-1', metric: 'first_response', cycle: 1, level: '75%' },
});

/** A Web API call as the Web API client sends it: form-encoded, objects as JSON strings. */
async function call(fake: FakeSlack, method: string, args: Record<string, string>) {
  const res = await fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(args).toString(),
  });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

describe('FakeSlack', () => {
  let now: number;
  let fake: FakeSlack;
  beforeEach(async () => {
    now = 1_000;
    fake = new FakeSlack(() => now);
    await fake.start();
  });
  afterEach(() => fake.stop());

  it('answers like Slack, records each call at the clock, and keeps accepted posts with their alert', async () => {
    const posted = await call(fake, 'chat.postMessage', { channel: 'C1', metadata });
    expect(posted.body).toMatchObject({ ok: true, channel: 'C1', ts: expect.any(String) });
    now = 2_000;
    await call(fake, 'chat.postMessage', {
      channel: 'C1',
      thread_ts: String(posted.body.ts),
      text: 'x',
    });
    fake.users.set('U1', { id: 'U1', email: 'ana@example.com', tz: 'Europe/Paris' });
    expect((await call(fake, 'users.lookupByEmail', { email: 'ana@example.com' })).body).toEqual({
      ok: true,
      user: { id: 'U1', email: 'ana@example.com', tz: 'Europe/Paris' },
    });
    expect((await call(fake, 'users.info', { user: 'U2' })).body.error).toBe('user_not_found');
    expect((await call(fake, 'auth.test', {})).body).toMatchObject({ ok: true, user_id: 'UBOT' });
    expect(fake.posts).toEqual([
      {
        channel: 'C1',
        thread: null,
        alert: { ticket: 'T-1', metric: 'first_response', cycle: 1, level: '75%' },
        at: 1_000,
      },
      { channel: 'C1', thread: String(posted.body.ts), alert: null, at: 2_000 },
    ]);
    expect(fake.of('chat.postMessage').map((c) => [c.at, c.status])).toEqual([
      [1_000, 200],
      [2_000, 200],
    ]);
  });

  it('fails one method’s next calls as scripted, then answers again', async () => {
    fake.fail('chat.postMessage', { status: 429, retryAfter: 7 }, 1, (a) => a.channel === 'C2');
    fake.fail('chat.update', { error: 'message_not_found' });
    expect(await call(fake, 'chat.postMessage', { channel: 'C1' })).toMatchObject({ status: 200 });
    const limited = await call(fake, 'chat.postMessage', { channel: 'C2' });
    expect(limited).toMatchObject({ status: 429, retryAfter: '7', body: { error: 'ratelimited' } });
    expect((await call(fake, 'chat.update', { channel: 'C1', ts: '1' })).body).toEqual({
      ok: false,
      error: 'message_not_found',
    });
    expect(await call(fake, 'chat.postMessage', { channel: 'C2' })).toMatchObject({ status: 200 });
    expect(fake.posts.map((p) => p.channel)).toEqual(['C1', 'C2']);
    expect(fake.refused(429)).toBe(1);
  });

  it('refuses every call during an outage, counting the refusals, until it recovers', async () => {
    fake.fail('*', { status: 500 }, Number.POSITIVE_INFINITY);
    for (const method of ['chat.postMessage', 'chat.update', 'auth.test'])
      expect((await call(fake, method, { channel: 'C1' })).status).toBe(500);
    fake.recover();
    expect((await call(fake, 'chat.postMessage', { channel: 'C1' })).status).toBe(200);
    expect([fake.refused(500), fake.posts.length]).toEqual([3, 1]);
  });

  it('can have the app killed between accepting a message and answering it', async () => {
    let killed = 0;
    const kill = fake.killDuringNextPost(() => killed++);
    await expect(call(fake, 'chat.postMessage', { channel: 'C1', metadata })).rejects.toThrow();
    await kill;
    expect([killed, fake.posts.length]).toEqual([1, 1]);
    expect(fake.kills).toEqual([{ at: 1_000, posts: 1 }]);
    await call(fake, 'chat.postMessage', { channel: 'C1', metadata });
    fake.restarting();
    expect(fake.kills).toEqual([{ at: 1_000, posts: 2 }]);
  });
});

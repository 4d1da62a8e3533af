import { addWebhookSecret, rowsOf } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const event = (id: string, at: number) => ({
  id,
  ticket: 'L-1',
  type: 'ticket.created',
  at: new Date(at).toISOString(),
  by: 'customer',
  fields: { status: 'new', subject: 'limits' },
});
/** A body that sends `first` and then breaks off, as a client gone mid-send. */
const brokenBody = (first: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      controller.error(new Error('connection reset'));
    },
  });

describeEachDriver('request limits and encodings', (handle) => {
  const h = harness(handle, NOW);
  const stored = async (tenant: string) =>
    rowsOf<{ n: number }>(
      await handle().db.execute(
        sql`select count(*)::int as n from ticket_events where tenant_id = ${tenant}`,
      ),
    )[0]?.n ?? 0;
  const post = (
    tenant: string,
    body: RequestInit['body'],
    type = 'application/json',
    path = '/v1/events',
  ) =>
    h.request(tenant, path, {
      method: path === '/v1/config' ? 'PUT' : 'POST',
      headers: { 'content-type': type },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    });

  it('takes the bearer scheme and media types in any case (RFC 9110)', async () => {
    const token = await h.token('cases');
    for (const scheme of ['bearer', 'BEARER', 'Bearer'])
      expect(
        (await h.app().request('/v1/at-risk', { headers: { authorization: `${scheme} ${token}` } }))
          .status,
      ).toBe(200);
    expect(
      (await post('cases', JSON.stringify([event('c1', NOW)]), 'Application/JSON')).status,
    ).toBe(202);
    const ndjson = JSON.stringify(event('c2', NOW));
    expect((await post('cases', ndjson, 'APPLICATION/X-NDJSON; charset=UTF-8')).status).toBe(202);
    expect(await stored('cases')).toBe(2);
    expect((await post('cases', '[]', 'text/json')).status).toBe(415);
  });

  it('refuses a body that is not UTF-8 instead of storing U+FFFD, webhooks included', async () => {
    const text = JSON.stringify([event('u1', NOW)]);
    const bytes = new TextEncoder().encode(text.replace('limits', 'li##ts'));
    const at = bytes.indexOf(0x23); // the first '#': two bytes no UTF-8 text holds
    bytes.set([0xff, 0xfe], at);
    for (const path of ['/v1/events', '/v1/interactions', '/v1/config']) {
      const res = await post('utf8', bytes, 'application/json', path);
      expect([path, res.status, await res.json()]).toEqual([
        path,
        400,
        { error: 'body is not valid UTF-8' },
      ]);
    }
    await addWebhookSecret(handle().db, 'utf8', 'github', 'gh-secret');
    const hook = await h.app().request('/v1/webhooks/github?tenant=utf8', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    });
    expect([hook.status, await hook.json()]).toEqual([400, { error: 'body is not valid UTF-8' }]);
    expect(await stored('utf8')).toBe(0);
  });

  it('refuses events dated more than 24 h after now, by index and field', async () => {
    const res = await post(
      'ahead',
      JSON.stringify([event('a1', NOW), event('a2', NOW + 24 * 3_600_000 + 1000)]),
    );
    expect([res.status, await res.json()]).toEqual([
      400,
      {
        error: 'invalid events',
        problems: [
          { path: '[1]: at', message: 'is more than 24 hours after now (2026-11-23T10:00:00Z)' },
        ],
      },
    ]);
    expect(await stored('ahead')).toBe(0);
    // 24 hours ahead exactly is a helpdesk clock running fast: taken.
    expect((await post('ahead', JSON.stringify([event('a3', NOW + 24 * 3_600_000)]))).status).toBe(
      202,
    );
  });

  it('lists at most 100 problems and counts the rest, and refuses too many lines before parsing', async () => {
    const bad = Array.from({ length: 999 }, (_, i) => `{not json ${i}`).join('\n');
    const res = await post('lines', bad, 'application/x-ndjson');
    const body = (await res.json()) as { problems: { path: string; message: string }[] };
    expect(res.status).toBe(400);
    expect(body.problems).toHaveLength(101);
    expect(body.problems[99]).toEqual({ path: '[99]', message: 'not valid JSON' });
    expect(body.problems[100]).toEqual({
      path: '(more)',
      message: 'and 899 more problems not listed',
    });
    const many = await h.app({ maxBodyBytes: 5 * 1024 * 1024 }).request('/v1/events', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await h.token('lines')}`,
        'content-type': 'application/x-ndjson',
      },
      body: '{\n'.repeat(200_000),
    });
    const answer = await many.text();
    expect([many.status, answer]).toEqual([
      413,
      '{"error":"at most 1000 events per request, got 200000"}',
    ]);
  });

  it('answers 400 to a body that breaks off, on every route that reads one, storing nothing', async () => {
    const start = JSON.stringify([event('b1', NOW)]).slice(0, 40);
    for (const path of ['/v1/events', '/v1/interactions', '/v1/config']) {
      const res = await post('broken', brokenBody(start), 'application/json', path);
      expect([path, res.status, await res.json()]).toEqual([
        path,
        400,
        { error: 'body could not be read to its end' },
      ]);
    }
    await addWebhookSecret(handle().db, 'broken', 'github', 'gh-secret');
    const hook = await h.app().request('/v1/webhooks/github?tenant=broken', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: brokenBody(start),
      duplex: 'half',
    } as RequestInit);
    expect(hook.status).toBe(400);
    expect(await stored('broken')).toBe(0);
  });

  it('refuses a declared oversized body by its Content-Length, before reading it', async () => {
    // The stream would fail if read: the 413 shows it was not.
    const res = await h.request('big', '/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '300000' },
      body: brokenBody('['),
      duplex: 'half',
    } as RequestInit);
    expect([res.status, await res.json()]).toEqual([413, { error: 'body over 200000 bytes' }]);
  });
});

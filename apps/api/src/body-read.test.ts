import type { Server } from 'node:http';
import { connect } from 'node:net';
import { createToken, type DatabaseHandle, EngineCache, rowsOf } from '@breachless/db';
import { openMigratedPglite } from '@breachless/db/testing';
import { createApp } from '@breachless/http';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from './server.js';

const MAX = 20_000;
const event = (id: string, subject = 'body') => ({
  id,
  ticket: 'B-1',
  type: 'ticket.created',
  at: new Date().toISOString(),
  by: 'customer',
  fields: { status: 'new', subject },
});

/** The status line the server answers `head` with, no body sent after it. */
function statusOf(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    socket.once('data', (chunk) => {
      resolve(chunk.toString().split('\r\n', 1)[0] ?? '');
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

// Bodies as Node's server hands them to the app: of a declared length, read straight from
// the socket; chunked, counted as they stream. Both kept to the limit.
describe('the API served, reading request bodies', () => {
  let handle: DatabaseHandle;
  let server: Server;
  let port = 0;
  let token = '';
  const stored = async () =>
    rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from ticket_events`),
    )[0]?.n;
  beforeAll(async () => {
    handle = await openMigratedPglite();
    token = await createToken(handle.db, 'bodies');
    const app = createApp({
      db: handle.db,
      engines: new EngineCache(),
      clock: Date.now,
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
      maxBodyBytes: MAX,
    });
    port = await new Promise<number>((resolve) => {
      server = listen(app.fetch, 0, { requestTimeoutMs: 5000, headersTimeoutMs: 5000 }, resolve);
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await handle.close();
  });
  const post = (body: string | ReadableStream<Uint8Array>) =>
    fetch(`http://127.0.0.1:${port}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
  const streamOf = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
        controller.close();
      },
    });

  it('stores a body of a declared length and one sent in chunks, each read whole', async () => {
    const declared = await post(JSON.stringify([event('d1', 'é'.repeat(3000))]));
    expect([declared.status, await declared.json()]).toEqual([
      202,
      { accepted: 1, duplicates: 0, quarantined: [] },
    ]);
    const chunked = await post(streamOf(JSON.stringify([event('c1', 'x'.repeat(12_000))])));
    expect([chunked.status, await chunked.json()]).toEqual([
      202,
      { accepted: 1, duplicates: 0, quarantined: [] },
    ]);
    expect(await stored()).toBe(2);
  });

  it('refuses a body over the limit by its declared length before reading it, or as it streams', async () => {
    const head =
      `POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${MAX + 1}\r\n\r\n`;
    expect(await statusOf(port, head)).toMatch(/^HTTP\/1\.1 413/);
    const chunked = await post(streamOf(JSON.stringify([event('c2', 'x'.repeat(MAX))])));
    expect(chunked.status).toBe(413);
    expect(await stored()).toBe(2);
  });
});

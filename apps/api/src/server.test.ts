import type { Server } from 'node:http';
import { connect } from 'node:net';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from './server.js';

/** Opens a socket, writes `text`, and resolves with all the server sent once it closes. */
function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the API server', () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );
  const start = () =>
    new Promise<number>((resolve) => {
      const app = new Hono().post('/', async (c) => c.text(await c.req.text()));
      // The body cut off by the timeout fails its read: an answer nobody receives.
      app.onError((_, c) => c.text('cut off', 400));
      server = listen(
        app.fetch,
        0,
        { requestTimeoutMs: 300, headersTimeoutMs: 200, checkIntervalMs: 50 },
        resolve,
      );
    });

  it('answers 408 and closes a connection whose headers never end', async () => {
    const port = await start();
    const answer = await exchange(port, 'POST / HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers 408 and closes a connection whose body never arrives whole', async () => {
    const port = await start();
    const answer = await exchange(
      port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n12345678',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('serves a request sent in time', async () => {
    const port = await start();
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'hello' });
    expect([res.status, await res.text()]).toEqual([200, 'hello']);
  });
});

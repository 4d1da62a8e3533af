import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, truncatedPost } from '../testing/raw-socket.js';
import { CHAT_SERVER_LIMITS, chatServer } from './chat-server.js';

describe('chatServer', () => {
  // Small limits so a trickle is cut off within a few hundred milliseconds of real time.
  const server = chatServer(
    (req, res) => {
      req.on('error', () => {});
      req.on('end', () => res.end('read'));
      req.resume();
    },
    { ...CHAT_SERVER_LIMITS, requestTimeoutMs: 300, headersTimeoutMs: 200, checkIntervalMs: 50 },
  );
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('cuts off a body trickled slower than the request timeout with a 408', async () => {
    const started = performance.now();
    const answer = await rawExchange(port, truncatedPost('/x', 1000, ''), { trickleMs: 50 });
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toContain('{"error":"the request took too long to arrive"}');
    // Well before the 1,000 bytes could have arrived at one byte per 50 ms (50 s).
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('cuts off headers that never finish', async () => {
    const answer = await rawExchange(port, 'POST /x HTTP/1.1\r\nHost: a\r\n', { trickleMs: 5_000 });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers a clear 400 to a body that ends before its Content-Length', async () => {
    const answer = await rawExchange(port, truncatedPost('/x', 100, '{"type":'), 'half-close');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('"error":"the request is malformed or ended before its body"');
  });

  it('still answers a whole request', async () => {
    const answer = await rawExchange(port, truncatedPost('/x', 2, '{}'), 'half-close');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*read$/);
  });
});

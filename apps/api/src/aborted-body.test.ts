import type { Server } from 'node:http';
import { connect } from 'node:net';
import { createToken, type DatabaseHandle, EngineCache } from '@breachless/db';
import { openMigratedPglite } from '@breachless/db/testing';
import { createApp } from '@breachless/http';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from './server.js';

describe('the API served, with bodies cut off by their clients', () => {
  let handle: DatabaseHandle;
  let server: Server;
  let port = 0;
  let log = '';
  // Resolved once the four cut-off requests are answered (their access log lines).
  let answered = () => {};
  const allAnswered = new Promise<void>((resolve) => {
    answered = resolve;
  });
  beforeAll(async () => {
    handle = await openMigratedPglite();
    const app = createApp({
      db: handle.db,
      engines: new EngineCache(),
      clock: Date.now,
      logger: pino(
        { level: 'info' },
        {
          write: (line: string) => {
            log += line;
            if (log.split('"msg":"request"').length - 1 === 4) answered();
          },
        },
      ),
      registry: new Registry(),
      maxBodyBytes: 100_000,
    });
    port = await new Promise<number>((resolve) => {
      server = listen(app.fetch, 0, { requestTimeoutMs: 5000, headersTimeoutMs: 5000 }, resolve);
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await handle.close();
  });

  it('stays up and stores nothing when a client sends 8 of 100 bytes and hangs up', async () => {
    const token = await createToken(handle.db, 'cut');
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      for (const path of ['/v1/events', '/v1/config', '/v1/interactions', '/v1/webhooks/github']) {
        const done = new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => {
            socket.write(
              `${path === '/v1/config' ? 'PUT' : 'POST'} ${path} HTTP/1.1\r\nHost: x\r\n` +
                `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
                'Content-Length: 100\r\n\r\n[{"id":1',
              () => socket.destroy(),
            );
          });
          socket.on('close', () => resolve());
        });
        await done;
      }
      await allAnswered;
      // The server answers the next request: nothing crashed, nothing half-stored.
      const res = await fetch(`http://127.0.0.1:${port}/v1/notifications`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect([res.status, await res.json()]).toEqual([200, { notifications: [] }]);
      const config = await fetch(`http://127.0.0.1:${port}/v1/config`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(config.status).toBe(404);
      expect(rejections).toEqual([]);
      expect(log).not.toContain('request failed');
      // 400 where the body was read; the webhook's tenant has no secret: 401 before reading.
      const answers = log
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { msg: string; route?: string; status?: number })
        .filter((l) => l.msg === 'request' && l.status !== 200)
        .map((l) => `${l.route} ${l.status}`);
      expect(answers.sort()).toEqual([
        '/v1/config 400',
        '/v1/config 404',
        '/v1/events 400',
        '/v1/interactions 400',
        '/v1/webhooks/:platform 401',
      ]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

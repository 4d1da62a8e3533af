import { mkdtempSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '@breachless/chat/testing';
import { type SuiteDatabase, suiteDatabase } from '@breachless/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredChatApps } from '../src/chat-apps.js';
import { startServer, stopServer } from './server-process.js';

const start = (env: Record<string, string>, until: RegExp) => startServer([], env, until);

/** GET /healthz on a port: the status, or the connection error's code. */
function health(port: number): Promise<number | string> {
  return new Promise((resolve) => {
    request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
      .end();
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('configuredChatApps', () => {
  it('starts Slack with a bot token or OAuth id, Teams with an app id, nothing otherwise', () => {
    const ports = { slack: 3002, teams: 3978 };
    expect(configuredChatApps({}, ports)).toEqual([]);
    expect(
      configuredChatApps({ SLACK_CLIENT_ID: 'c', MICROSOFT_APP_ID: 'a' }, ports).map((a) => [
        a.name,
        a.port,
      ]),
    ).toEqual([
      ['slack', 3002],
      ['teams', 3978],
    ]);
    expect(configuredChatApps({ SLACK_BOT_TOKEN: 'xoxb' }, ports)[0]?.entry).toMatch(
      /apps\/slack\/src\/main\.ts$/,
    );
  });
});

describe('the server with Slack configured', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'breachless-chat-apps-')), 'data');
  const slackEnv = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' };

  it('on the embedded database, says why Slack is not started and keeps the console', async () => {
    const server = start({ ...slackEnv, BREACHLESS_DATA_DIR: dataDir }, /Breachless is running/);
    await server.seen;
    expect(server.output()).toContain(
      'slack configured, but the embedded database serves one process: set DATABASE_URL',
    );
    expect(await stopServer(server.child)).toBe(0);
  });

  describe.runIf(process.env.TEST_DATABASE_URL)('on PostgreSQL', () => {
    let fakeSlack: FakeSlack;
    let database: SuiteDatabase;
    beforeAll(async () => {
      // The test process's database, emptied (demo.test.ts takes it too).
      database = await suiteDatabase('postgres');
      // The Web API the Slack app asks who it is at start.
      fakeSlack = new FakeSlack();
      await fakeSlack.start();
    });
    afterAll(async () => {
      await fakeSlack.stop();
      await database.release();
    });

    it('starts the Slack app as its own process on SLACK_PORT, and stops it on Ctrl-C', async () => {
      const port = await freePort();
      const api = fakeSlack.apiUrl;
      const server = start(
        {
          ...slackEnv,
          DATABASE_URL: database.url as string,
          SLACK_PORT: String(port),
          SLACK_API_URL: api,
          BREACHLESS_DATA_DIR: dataDir,
        },
        new RegExp(`Started slack on port ${port}`),
      );
      await server.seen;
      // The app needs a moment to boot: ask until it answers (bounded), not for a fixed time.
      let status: number | string = 'none';
      for (let i = 0; i < 200 && status !== 200; i++) {
        status = await health(port);
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
      expect(await stopServer(server.child)).toBe(0);
      expect(await health(port)).toBe('ECONNREFUSED');
    });
  });
});

import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHAT_SERVER_LIMITS, type ChatServerLimits } from '@breachless/chat';
import { FakeSlack, ManualTimer } from '@breachless/chat/testing';
import { type Database, EngineCache } from '@breachless/db';
import type { HTTPReceiver } from '@slack/bolt';
import { pino } from 'pino';

export { created, ingest, seedTenant } from '@breachless/db/testing';

import { createSlackApp } from '../src/app.js';
import { slackDelivery } from '../src/delivery.js';
import type { SlackDeps } from '../src/deps.js';
import { Mentions } from '../src/mentions.js';
import { Readers } from '../src/readers.js';
import { slackServer } from '../src/server.js';
import { type SlackAuth, Workspaces } from '../src/workspaces.js';

export const SECRET = 'test-signing-secret';
export const T0 = Date.parse('2026-11-23T14:00:00Z'); // a Monday, 09:00 in New York
export const MIN = 60_000;

/** Slack's request signature: `v0=` HMAC-SHA256 of `v0:timestamp:body` with the signing secret. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The Slack app on a real HTTP port, a fake Slack Web API, a database and a manual clock. */
export async function startSlack(
  db: Database,
  auth: SlackAuth = { mode: 'single', botToken: 'xoxb-test', botId: 'B1', botUserId: 'UBOT' },
  limits: ChatServerLimits = CHAT_SERVER_LIMITS,
) {
  const fake = new FakeSlack(() => timer.now());
  const timer = new ManualTimer(T0);
  await fake.start();
  const clientOptions = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
  const clock = () => timer.now();
  const deps: SlackDeps = {
    db,
    engines: new EngineCache(),
    clock,
    logger: pino({ level: 'silent' }),
    workspaces: new Workspaces(db, auth, clientOptions),
    readers: new Readers(clock),
    mentions: new Mentions(db, clock),
    managers: new Set(['U-manager']),
  };
  const { app, receiver } = createSlackApp(deps, {
    auth,
    signingSecret: SECRET,
    clientOptions,
    maxBodyBytes: limits.maxBodyBytes,
  });
  const server: Server = slackServer(receiver as HTTPReceiver, deps.logger, limits);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const delivery = slackDelivery(deps, { timer, pollMs: 1_000 });

  /** POSTs a body to /slack/events, signed now unless told otherwise. */
  async function post(
    body: string,
    type: 'form' | 'json',
    signing: {
      secret?: string;
      timestamp?: number;
      omit?: boolean;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': type === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
      ...signing.headers,
    };
    if (!signing.omit) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = sign(signing.secret ?? SECRET, timestamp, body);
    }
    return fetch(`${base}/slack/events`, { method: 'POST', headers, body });
  }

  /** Clicks a control of a message, as Slack posts a `block_actions` payload. */
  function click(o: {
    user: { id: string; name: string };
    channel: string;
    ts: string;
    action: Record<string, unknown>;
  }): Promise<Response> {
    const payload = {
      type: 'block_actions',
      team: { id: 'T1' },
      user: o.user,
      api_app_id: 'A1',
      channel: { id: o.channel },
      message: { ts: o.ts, type: 'message' },
      response_url: `${fake.respondUrl}action`,
      trigger_id: '1.2.3',
      actions: [{ action_ts: '1', ...o.action }],
    };
    return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'form');
  }

  let responses = 0;
  /** Runs `/sla text` as `user` in `channel`; resolves to the acknowledgement's body. */
  async function command(text: string, user = 'U-agent', channel = 'C-support') {
    const responseId = `r${++responses}`;
    const body = new URLSearchParams({
      token: 'legacy',
      team_id: 'T1',
      team_domain: 'acme',
      channel_id: channel,
      channel_name: 'support',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/sla',
      text,
      api_app_id: 'A1',
      response_url: `${fake.respondUrl}${responseId}`,
      trigger_id: '1.2.3',
    }).toString();
    const res = await post(body, 'form');
    const ack = await res.text();
    return {
      status: res.status,
      ack: ack ? (JSON.parse(ack) as Record<string, unknown>) : {},
      responseId,
    };
  }

  /**
   * The answer sent to a command's `response_url`, waiting for the query behind it: a minute
   * at most, as a query can take seconds on a busy machine.
   */
  async function answer(responseId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 6_000; i++) {
      const call = fake.of('respond').find((c) => c.args.id === responseId);
      if (call) return call.args;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no answer to ${responseId}`);
  }

  return {
    fake,
    timer,
    /** Runs the manual clock until `done`, never moving it while delivery work is in flight. */
    run: (done: () => boolean) =>
      timer.runUntil(done, { busy: () => delivery.lanes.sending || delivery.pump.polling }),
    deps,
    app,
    server,
    base,
    delivery,
    post,
    click,
    command,
    answer,
    async stop() {
      // The pump may be asleep on the manual clock: wake it so it sees it is stopping.
      const stopping = delivery.pump.stop();
      await timer.advanceTo(timer.now() + 60_000);
      await stopping;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await fake.stop();
    },
  };
}

/** The text of every block of a message, joined: what a reader sees. */
export function textOf(message: Record<string, unknown>): string {
  return JSON.stringify(message.blocks ?? []).replaceAll('\\n', '\n');
}

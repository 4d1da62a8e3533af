import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHAT_SERVER_LIMITS, type ChatServerLimits } from '@breachless/chat';
import { ManualTimer } from '@breachless/chat/testing';
import { type Database, EngineCache } from '@breachless/db';
import { pino } from 'pino';
import { createAdapter } from '../src/auth.js';
import { teamsDelivery } from '../src/delivery.js';
import type { TeamsDeps } from '../src/deps.js';
import { teamsServer } from '../src/http.js';
import { FakeConnector } from './fake-connector.js';

export const T0 = Date.parse('2026-11-23T14:00:00Z'); // a Monday, 09:00 in New York
export const MIN = 60_000;
export const BOT = { id: '28:bot', name: 'Breachless' };
export const CHANNEL = '19:billing@thread.tacv2';
export const ORG = 'org-1';

/** The bot on a real HTTP port, a fake Bot Connector, a database and a manual clock. */
export async function startTeams(
  db: Database,
  options: {
    appId?: string;
    managers?: string[];
    multiTenant?: boolean;
    limits?: ChatServerLimits;
  } = {},
) {
  const timer = new ManualTimer(T0);
  const connector = new FakeConnector(() => timer.now());
  await connector.start();
  const appId = options.appId ?? '';
  const deps: TeamsDeps = {
    db,
    engines: new EngineCache(),
    adapter: createAdapter({
      appId,
      password: appId ? 'secret' : '',
      tenantId: '',
      type: 'MultiTenant',
    }),
    appId,
    multiTenant: options.multiTenant ?? false,
    clock: () => timer.now(),
    logger: pino({ level: 'silent' }),
    managers: new Set(options.managers ?? []),
  };
  const server: Server = teamsServer(deps, options.limits ?? CHAT_SERVER_LIMITS);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const delivery = teamsDelivery(deps, { timer, pollMs: 1_000 });
  let ids = 0;

  /** An activity as Teams posts it, from `user` in the billing channel unless told otherwise. */
  function activity(
    extra: Record<string, unknown>,
    where: { personal?: boolean; user?: string } = {},
  ) {
    const user = where.user ?? 'aad-ana';
    return {
      id: `in-${++ids}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      timestamp: new Date(timer.now()).toISOString(),
      localTimezone: 'America/New_York',
      from: { id: `29:${user}`, aadObjectId: user, name: user.replace('aad-', '') },
      recipient: BOT,
      conversation: where.personal
        ? { id: `a:personal-${user}`, conversationType: 'personal', tenantId: ORG }
        : {
            id: `${CHANNEL};messageid=${ids}`,
            conversationType: 'channel',
            isGroup: true,
            tenantId: ORG,
          },
      channelData: where.personal
        ? { tenant: { id: ORG } }
        : { tenant: { id: ORG }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
      ...extra,
    };
  }

  /** POSTs an activity to /api/messages. */
  async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  /** Says `text` to the bot with an @mention (in a channel) and returns the card it answered. */
  async function say(text: string, where: { personal?: boolean; user?: string } = {}) {
    const mention = `<at>${BOT.name}</at>`;
    const from = connector.calls.length;
    const res = await post(
      activity(
        {
          type: 'message',
          text: where.personal ? text : `${mention} ${text}`,
          entities: where.personal ? [] : [{ type: 'mention', text: mention, mentioned: BOT }],
        },
        where,
      ),
    );
    const reply = connector.calls.slice(from).find((c) => c.kind === 'send');
    return {
      status: res.status,
      reply,
      card: readable(reply?.body ?? {}),
    };
  }

  return {
    connector,
    timer,
    deps,
    server,
    base,
    delivery,
    activity,
    post,
    say,
    run: (done: () => boolean) =>
      timer.runUntil(done, { busy: () => delivery.lanes.sending || delivery.pump.polling }),
    async stop() {
      const stopping = delivery.pump.stop();
      await timer.advanceTo(timer.now() + 60_000);
      await stopping;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await connector.stop();
    },
  };
}

/** What a reader sees of a message: every text, title and fact, Markdown escapes undone. */
export function readable(message: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node))
        if (typeof v === 'string' && ['text', 'title', 'value'].includes(k)) out.push(v);
        else walk(v);
  };
  walk(message);
  return out.join('\n').replace(/\\(.)/g, '$1');
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which notification a message announces: the Slack app's message metadata (alert.ts). */
export interface AlertKey {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly level: string;
}

/** A message Slack accepted: a new one in a channel, or a reply in a thread. */
export interface Post {
  readonly channel: string;
  readonly thread: string | null;
  readonly alert: AlertKey | null;
  readonly at: number;
}

/**
 * A kill of the Slack app mid-send: when, and how many messages Slack had accepted before the
 * app was started again (every one the dead app sent: its other lanes' requests still in
 * flight at the kill are accepted after it).
 */
export interface Kill {
  readonly at: number;
  posts: number;
}

/** How the fake answers every Web API call for now: normally, or as an outage would. */
export type SlackMode = 'ok' | '429' | '500';

/**
 * Slack's Web API as the soak test needs it: it accepts messages and records them with the
 * alert they announce, for a while answers every call with 429 (Retry-After) or 500, and
 * can have the app killed in the middle of a send. The
 * Slack app under test is the real process, talking to this over HTTP.
 */
export class SoakSlack {
  readonly posts: Post[] = [];
  /** Calls refused per mode, and updates accepted. */
  readonly counts = { refused429: 0, refused500: 0, updates: 0 };
  readonly kills: Kill[] = [];
  mode: SlackMode = 'ok';
  apiUrl = '';
  #server: Server | undefined;
  #ts = 1_800_000_000;
  #killer: (() => void) | undefined;

  /**
   * Arms a kill: the next message is accepted (Slack has it) and then, before the app hears
   * so, `kill` runs and the connection is dropped, as if the app died between Slack's accept
   * and its own record. Resolves once that has happened.
   */
  killDuringNextPost(kill: () => void): Promise<void> {
    return new Promise((resolve) => {
      this.#killer = () => {
        this.kills.push({ at: Date.now(), posts: this.posts.length });
        kill();
        resolve();
      };
    });
  }

  /** Closes the last kill: the app is started again, and what comes next is the new one's. */
  restarting(): void {
    const kill = this.kills.at(-1);
    if (kill) kill.posts = this.posts.length;
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.apiUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const args = formArgs(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
    const method = new URL(req.url ?? '/', 'http://x').pathname.replace('/api/', '');
    if (this.mode === '429') {
      this.counts.refused429++;
      res.writeHead(429, { 'retry-after': '2', 'content-type': 'application/json' });
      return void res.end('{"ok":false,"error":"ratelimited"}');
    }
    if (this.mode === '500') {
      this.counts.refused500++;
      return json(res, 500, { ok: false, error: 'internal_error' });
    }
    switch (method) {
      case 'chat.postMessage': {
        const ts = `${++this.#ts}.000100`;
        this.posts.push({
          channel: args.channel ?? '',
          thread: args.thread_ts ?? null,
          alert: alertOf(args.metadata),
          at: Date.now(),
        });
        const killer = this.#killer;
        this.#killer = undefined;
        if (killer) {
          killer();
          return void res.destroy();
        }
        return json(res, 200, { ok: true, channel: args.channel, ts });
      }
      case 'chat.update':
        this.counts.updates++;
        return json(res, 200, { ok: true, channel: args.channel, ts: args.ts });
      case 'auth.test':
        return json(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BSOAK', team_id: 'TSOAK' });
      case 'users.lookupByEmail':
      case 'users.info':
        return json(res, 200, { ok: false, error: 'users_not_found' });
      default:
        return json(res, 200, { ok: true });
    }
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The Web API client posts form fields (objects as JSON strings), or JSON. */
function formArgs(raw: string, type: string | undefined): Record<string, string | undefined> {
  if (raw === '') return {};
  if (type?.includes('json')) {
    const body = JSON.parse(raw) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function alertOf(metadata: string | undefined): AlertKey | null {
  if (!metadata) return null;
  const { event_type, event_payload: p } = JSON.parse(metadata) as {
    event_type: string;
    event_payload: Record<string, unknown>;
  };
  if (event_type !== 'breachless_sla_alert' || typeof p.level !== 'string') return null;
  return {
    ticket: String(p.ticket),
    metric: String(p.metric),
    cycle: Number(p.cycle),
    level: p.level,
  };
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake received: the Web API method (or `respond`) and its arguments. */
export interface Call {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The test clock's reading when the call arrived. */
  readonly at: number;
  /** What the fake answered (`ts` of a posted message). */
  result?: Record<string, unknown>;
}

/** A scripted failure: an HTTP status (429 with Retry-After seconds, 5xx) or a platform error. */
export type Failure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string };

export interface SlackUser {
  readonly id: string;
  readonly tz?: string;
  readonly is_admin?: boolean;
  readonly is_owner?: boolean;
  readonly email?: string;
}

/**
 * A local stand-in for Slack's Web API (`slackApiUrl`) and for `response_url`s: records every
 * call, answers like Slack (`ok`, `ts`, users), and fails on demand. It is the network
 * boundary only: the Bolt app, the Web API client and our code under test are all real.
 */
export class FakeSlack {
  readonly calls: Call[] = [];
  readonly users = new Map<string, SlackUser>();
  #failures: {
    method: string;
    match: (args: Record<string, unknown>) => boolean;
    failure: Failure;
    times: number;
  }[] = [];
  #server: Server | undefined;
  #ts = 1_700_000_000;
  constructor(private readonly clock: () => number = Date.now) {}

  /** Base URL of the Web API, as `slackApiUrl` wants it (with the trailing slash). */
  apiUrl = '';
  /** Base of `response_url`s: append any id. */
  respondUrl = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api/`;
    this.respondUrl = `http://127.0.0.1:${port}/respond/`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  /** The next `times` calls of `method` (matching `match`) fail with `failure`. */
  fail(
    method: string,
    failure: Failure,
    times = 1,
    match: (args: Record<string, unknown>) => boolean = () => true,
  ): void {
    this.#failures.push({ method, match, failure, times });
  }

  /** Calls of one method, in order. */
  of(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  async #handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const args = parseBody(raw, req.headers['content-type'] ?? '');
    if (url.pathname.startsWith('/upload/')) {
      // files.uploadV2 sends the bytes to the URL files.getUploadURLExternal gave.
      const bytes = Buffer.concat(chunks);
      this.calls.push({
        method: 'upload',
        args: {
          id: url.pathname.slice(8),
          bytes: bytes.length,
          png: bytes.includes(Buffer.from('PNG')),
        },
        at: this.clock(),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      return;
    }
    if (url.pathname.startsWith('/respond/')) {
      this.calls.push({
        method: 'respond',
        args: { ...args, id: url.pathname.slice(9) },
        at: this.clock(),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.pathname.replace('/api/', '');
    const failure = this.#failures.find((f) => f.method === method && f.times > 0 && f.match(args));
    const call: Call = { method, args, at: this.clock() };
    this.calls.push(call);
    if (failure) {
      failure.times--;
      const f = failure.failure;
      if ('error' in f) return json(res, 200, { ok: false, error: f.error });
      if (f.status === 429) {
        res.writeHead(429, {
          'retry-after': String(f.retryAfter),
          'content-type': 'application/json',
        });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      return json(res, f.status, { ok: false, error: 'internal_error' });
    }
    call.result = this.#answer(method, args);
    json(res, 200, call.result);
  }

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: `${++this.#ts}.000100` };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'files.getUploadURLExternal': {
        const id = `F${++this.#ts}`;
        return {
          ok: true,
          file_id: id,
          upload_url: `${this.apiUrl.replace('/api/', '/upload/')}${id}`,
        };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: JSON.parse(String(args.files ?? '[]')) };
      case 'conversations.open':
        return { ok: true, channel: { id: `D-${String(args.users)}` } };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        return user
          ? { ok: true, user: { ...user, profile: { email: user.email } } }
          : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const user = [...this.users.values()].find((u) => u.email === args.email);
        return user ? { ok: true, user } : { ok: false, error: 'users_not_found' };
      }
      default:
        return { ok: true };
    }
  }
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Web API calls are form-encoded with JSON inside (blocks), or JSON; `response_url` posts JSON. */
function parseBody(raw: string, type: string): Record<string, unknown> {
  if (raw === '') return {};
  if (type.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = k === 'blocks' || k === 'view' ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlackOidc } from './fake-slack-oidc.js';
import {
  type AlertKey,
  alertOf,
  answerCall,
  type Failure,
  json,
  parseBody,
  refuse,
  type SlackUser,
} from './fake-slack-wire.js';

export type { OidcUser } from './fake-slack-oidc.js';
export type { AlertKey, Failure, SlackUser } from './fake-slack-wire.js';

/** One call the fake received: the Web API method (or `respond`, `upload`) and its arguments. */
export interface Call {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The clock's reading when the call arrived. */
  readonly at: number;
  /** The HTTP status answered: 200 (also for a platform error), or a scripted 429 or 5xx. */
  status: number;
  /** What the fake answered when it accepted the call (`ts` of a posted message). */
  result?: Record<string, unknown>;
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

interface Scripted {
  readonly method: string;
  readonly match: (args: Record<string, unknown>) => boolean;
  readonly failure: Failure;
  times: number;
}

/**
 * A local stand-in for Slack's Web API (`slackApiUrl`) and for `response_url`s, the one the
 * Slack app's tests and the soak share. It records every call, answers like Slack (`ok`, `ts`,
 * users, file uploads), keeps the messages it accepted with the alert each announces, fails
 * on demand (one method's next calls, or every call for an outage), and can have the app
 * killed between accepting a message and answering. It is the network boundary only: the
 * Bolt app, the Web API client and the code under test are all real.
 */
export class FakeSlack {
  readonly calls: Call[] = [];
  readonly posts: Post[] = [];
  readonly kills: Kill[] = [];
  readonly users = new Map<string, SlackUser>();
  /** "Sign in with Slack" (OpenID Connect): its client id and secret, and who signs in. */
  readonly oidc = new FakeSlackOidc('1111.2222', 'oidc-client-secret', () => this.clock());
  /** Base URL of the Web API, as `slackApiUrl` wants it (with the trailing slash). */
  apiUrl = '';
  /** Base of `response_url`s: append any id. */
  respondUrl = '';
  #failures: Scripted[] = [];
  #server: Server | undefined;
  #ts = 1_700_000_000;
  #killer: (() => void) | undefined;

  constructor(private readonly clock: () => number = Date.now) {}

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api/`;
    this.respondUrl = `http://127.0.0.1:${port}/respond/`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  /**
   * The next `times` calls of `method` (`*`: any method) matching `match` fail with `failure`;
   * `Infinity` times is an outage, until `recover`.
   */
  fail(
    method: string,
    failure: Failure,
    times = 1,
    match: (args: Record<string, unknown>) => boolean = () => true,
  ): void {
    this.#failures.push({ method, match, failure, times });
  }

  /** Ends every scripted failure: calls are accepted again. */
  recover(): void {
    this.#failures = [];
  }

  /** Calls of one method, in order. */
  of(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls refused with an HTTP status (429, 500). */
  refused(status: number): number {
    return this.calls.reduce((n, c) => n + (c.status === status ? 1 : 0), 0);
  }

  /**
   * Arms a kill: the next message is accepted (Slack has it) and then, before the app hears
   * so, `kill` runs and the connection is dropped, as if the app died between Slack's accept
   * and its own record. Resolves once that has happened.
   */
  killDuringNextPost(kill: () => void): Promise<void> {
    return new Promise((resolve) => {
      this.#killer = () => {
        this.kills.push({ at: this.clock(), posts: this.posts.length });
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

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const record = (method: string, args: Record<string, unknown>): Call => {
      const call: Call = { method, args, at: this.clock(), status: 200 };
      this.calls.push(call);
      return call;
    };
    if (url.pathname.startsWith('/upload/')) {
      // files.uploadV2 sends the bytes to the URL files.getUploadURLExternal gave.
      const png = bytes.includes(Buffer.from('PNG'));
      record('upload', { id: url.pathname.slice(8), bytes: bytes.length, png });
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    }
    const args = parseBody(bytes.toString('utf8'), req.headers['content-type'] ?? '');
    const oidc = this.oidc.answer(url.pathname, url.searchParams, args, req.headers.authorization);
    if (oidc) {
      record(url.pathname.replace(/^\/api\/|^\/openid\/connect\//, ''), args);
      if ('redirect' in oidc) return void res.writeHead(302, { location: oidc.redirect }).end();
      return json(res, 200, oidc.body);
    }
    if (url.pathname.startsWith('/respond/')) {
      record('respond', { ...args, id: url.pathname.slice(9) });
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
    const method = url.pathname.replace('/api/', '');
    const call = record(method, args);
    const failure = this.#failures.find(
      (f) => (f.method === method || f.method === '*') && f.times > 0 && f.match(args),
    );
    if (failure) {
      failure.times--;
      call.status = refuse(res, failure.failure);
      return;
    }
    call.result = answerCall(method, args, {
      nextTs: () => ++this.#ts,
      users: this.users,
      uploadUrl: this.apiUrl.replace('/api/', '/upload/'),
    });
    if (method === 'chat.postMessage') this.#accepted(args);
    const killer = method === 'chat.postMessage' ? this.#killer : undefined;
    if (killer) {
      this.#killer = undefined;
      killer();
      return void res.destroy();
    }
    json(res, 200, call.result);
  }

  #accepted(args: Record<string, unknown>): void {
    this.posts.push({
      channel: String(args.channel ?? ''),
      thread: typeof args.thread_ts === 'string' ? args.thread_ts : null,
      alert: alertOf(args.metadata),
      at: this.clock(),
    });
  }
}

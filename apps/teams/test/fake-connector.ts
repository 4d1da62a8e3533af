import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardProblems } from './validate-card.js';

/** One call the fake Bot Connector received. */
export interface ConnectorCall {
  /** `send` (a new activity, replying or not), `update` or `create` (a conversation). */
  readonly kind: string;
  readonly conversation: string;
  /** The activity replied to, or updated. */
  readonly activityId?: string;
  readonly body: Record<string, unknown>;
  /** The test clock's reading when the call arrived. */
  readonly at: number;
  /** The id the fake gave the activity it stored. */
  id?: string;
}

export type ConnectorFailure =
  | { status: 429; retryAfter: number }
  | { status: 412 | 500 | 502 | 504 }
  | { status: 403 | 404 };

/**
 * A local stand-in for the Bot Connector service (the `serviceUrl` of every activity):
 * records what the bot sends, validates every Adaptive Card in it, and fails on demand.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Problems the Adaptive Cards library found in cards the bot sent: must stay empty. */
  readonly cardProblems: string[] = [];
  url = '';
  #server: Server | undefined;
  #next = 0;
  #failures: { match: (c: ConnectorCall) => boolean; failure: ConnectorFailure; times: number }[] =
    [];
  constructor(private readonly clock: () => number = Date.now) {}

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  /** The next `times` calls matching `match` fail with `failure`. */
  fail(
    failure: ConnectorFailure,
    times: number,
    match: (c: ConnectorCall) => boolean = () => true,
  ): void {
    this.#failures.push({ match, failure, times });
  }

  /** Calls that stored an activity (not refused), of a kind. */
  of(kind: string): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === kind && c.id !== undefined);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const parts =
      (req.url ?? '').split('?')[0]?.split('/').filter(Boolean).map(decodeURIComponent) ?? [];
    // v3/conversations[/{id}/activities[/{activityId}]]
    const [, , conversation = '', , activityId] = parts;
    // A reply (POST .../activities/{id}) lands in the conversation it names, like a send: in
    // Teams the conversation id (with `;messageid=` for a thread) decides where, not the id.
    const kind = parts.length === 2 ? 'create' : req.method === 'PUT' ? 'update' : 'send';
    const call: ConnectorCall = {
      kind,
      conversation,
      ...(activityId ? { activityId } : {}),
      body,
      at: this.clock(),
    };
    this.calls.push(call);
    for (const a of (body.attachments as
      | { contentType?: string; content?: unknown }[]
      | undefined) ?? [])
      if (a.contentType === 'application/vnd.microsoft.card.adaptive')
        this.cardProblems.push(
          ...cardProblems(a.content).map((p) => `${kind} ${conversation}: ${p}`),
        );
    const failure = this.#failures.find((f) => f.times > 0 && f.match(call));
    if (failure) {
      failure.times--;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.failure.status === 429)
        headers['retry-after'] = String(failure.failure.retryAfter);
      res
        .writeHead(failure.failure.status, headers)
        .end(JSON.stringify({ error: { code: 'Throttled', message: 'fake failure' } }));
      return;
    }
    call.id = kind === 'update' ? (activityId ?? '') : `a${++this.#next}`;
    const answer =
      kind === 'create'
        ? {
            id: `dm-${String((body.members as { id: string }[] | undefined)?.[0]?.id)}`,
            activityId: call.id,
          }
        : { id: call.id };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }
}

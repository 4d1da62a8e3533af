// What the loopback fakes of the helpdesks' REST APIs (GitHub, Jira, Zendesk) share: a
// server on 127.0.0.1 at an ephemeral port, JSON answers, the request count and the `down`
// switch, and the fixed one-minute request window Jira and Zendesk both document. Each fake
// keeps only its own routes, authentication and limits' wording.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake's answer: status, JSON body and extra headers. */
export type FakeAnswer = [number, unknown, Record<string, string>?];

/** A loopback JSON API: subclasses route; start it, point a connection at `url`, close it. */
export abstract class FakeJsonServer {
  /** Answers 503 to everything while set: the helpdesk is down (each fake words the body). */
  down = false;
  /** Requests answered, whatever their status. */
  requests = 0;
  url = '';
  readonly #server: Server = createServer((req, res) => {
    this.requests++;
    this.send(req, res, this.route(req));
  });

  async start(): Promise<string> {
    await new Promise<void>((ready) => this.#server.listen(0, '127.0.0.1', ready));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((closed) => this.#server.close(closed));
  }

  /** The answer to one request, as the helpdesk's API reference describes it. */
  protected abstract route(req: IncomingMessage): FakeAnswer;

  /** Writes the answer as JSON; a fake with conditional requests (GitHub) overrides it. */
  protected send(_req: IncomingMessage, res: ServerResponse, answer: FakeAnswer): void {
    const [status, body, headers] = answer;
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));
  }
}

/**
 * A fixed window of `perMinute` requests per clock minute (`null`: no limit), as Jira's and
 * Zendesk's rate limits are documented: past it a 429 with `Retry-After` in seconds.
 */
export class MinuteWindow {
  readonly #perMinute: number | null;
  #minute = -1;
  #count = 0;

  constructor(perMinute: number | null) {
    this.#perMinute = perMinute;
  }

  /** Counts a request at `now` (ms); over the limit, the `Retry-After` seconds to answer. */
  refuse(now: number): string | undefined {
    if (this.#perMinute === null) return undefined;
    const minute = Math.floor(now / 60_000);
    if (this.#minute !== minute) {
      this.#minute = minute;
      this.#count = 0;
    }
    if (++this.#count <= this.#perMinute) return undefined;
    return String(Math.ceil(((minute + 1) * 60_000 - now) / 1000));
  }
}

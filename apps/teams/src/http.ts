import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAT_SERVER_LIMITS, type ChatServerLimits, chatServer } from '@breachless/chat';
import { errorSummary } from '@breachless/db';
import { readActivity } from './body.js';
import type { TeamsDeps } from './deps.js';
import { onTurn } from './turns.js';

/** The Express-like response the Bot Framework adapter writes to, over Node's own. */
function adapterResponse(res: ServerResponse) {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body?: unknown) {
      if (body === undefined) return this;
      if (typeof body === 'object') {
        res.setHeader('content-type', 'application/json');
        res.write(JSON.stringify(body));
      } else res.write(String(body));
      return this;
    },
    end() {
      res.end();
      return this;
    },
  };
}

/** A JSON error, unless the client is gone (then there is no one to tell). */
function answer(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent || res.destroyed || !res.socket?.writable) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * `POST /api/messages` for the Bot Framework adapter (which checks the caller's token when an
 * app id is configured), and `GET /healthz`. A body that is not a JSON activity gets 400, one
 * over the size limit 413. The returned promise never rejects: Node does not wait for it,
 * so a rejection here would be unhandled and end the process.
 */
export function requestListener(deps: TeamsDeps, maxBodyBytes = CHAT_SERVER_LIMITS.maxBodyBytes) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200).end('ok');
    if (req.method !== 'POST' || req.url !== '/api/messages') return void res.writeHead(404).end();
    try {
      const read = await readActivity(req, maxBodyBytes);
      if (!read.ok) {
        deps.logger.warn({ status: read.status, reason: read.error }, 'teams request refused');
        const { error, problems } = read;
        return answer(res, read.status, problems ? { error, problems } : { error });
      }
      await deps.adapter.process(
        { body: read.activity, headers: req.headers, method: 'POST' },
        adapterResponse(res),
        (context) => onTurn(context, deps),
      );
    } catch (error) {
      deps.logger.error({ error: errorSummary(error) }, 'teams activity failed');
      answer(res, 500, { error: 'the activity could not be handled' });
    }
  };
}

/** The bot's HTTP server: the listener above behind the chat apps' request limits. */
export function teamsServer(deps: TeamsDeps, limits: ChatServerLimits = CHAT_SERVER_LIMITS) {
  return chatServer(requestListener(deps, limits.maxBodyBytes), limits);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TeamsDeps } from './deps.js';
import { onTurn } from './turns.js';

/** Larger than any activity Teams sends; a bigger body is refused before it is read whole. */
const MAX_BODY_BYTES = 1 << 20;

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

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `POST /api/messages` for the Bot Framework adapter (which checks the caller's token when an
 * app id is configured), and `GET /healthz`. A body that is not a JSON activity gets 400.
 */
export function requestListener(deps: TeamsDeps) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200).end('ok');
    if (req.method !== 'POST' || req.url !== '/api/messages') return void res.writeHead(404).end();
    const body = await readJson(req);
    if (!body)
      return void res
        .writeHead(400, { 'content-type': 'application/json' })
        .end('{"error":"the body must be one JSON activity"}');
    try {
      await deps.adapter.process(
        { body, headers: req.headers, method: 'POST' },
        adapterResponse(res),
        (context) => onTurn(context, deps),
      );
    } catch (error) {
      deps.logger.error({ err: error }, 'teams activity failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  };
}

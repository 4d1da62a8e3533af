import type { Server } from 'node:http';
import { CHAT_SERVER_LIMITS, type ChatServerLimits, chatServer } from '@breachless/chat';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * The Slack app's HTTP server in HTTP mode: `/healthz` for probes, everything else to Bolt's
 * receiver, behind the chat apps' request timeouts. Bolt throws for a path it does not serve
 * (and for a URL it cannot parse) out of the request event, where nothing would catch it and
 * the process would end: here that is a 404. Bolt reads bodies itself and answers a body cut
 * short (401) or too large (413) without throwing.
 */
export function slackServer(
  receiver: HTTPReceiver,
  logger: Logger,
  limits: ChatServerLimits = CHAT_SERVER_LIMITS,
): Server {
  const listener = receiver.requestListener;
  return chatServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200).end('ok');
    try {
      listener(req, res);
    } catch {
      logger.debug({ method: req.method }, 'request for a path the app does not serve');
      if (!res.headersSent)
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such route"}');
    }
  }, limits);
}

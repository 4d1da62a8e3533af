import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** How long a chat platform's request may take to arrive, and how big its body may be. */
export interface ChatServerLimits {
  /** The whole request, headers and body; Node's default is 300 s. */
  readonly requestTimeoutMs: number;
  /** The headers alone; Node's default is 60 s. */
  readonly headersTimeoutMs: number;
  /** How often Node looks for requests past those timeouts; its default is 30 s. */
  readonly checkIntervalMs: number;
  /** The largest body read; Slack and Teams send a few KB. */
  readonly maxBodyBytes: number;
}

/**
 * Slack and Teams send small bodies from fast networks and expect an answer within 3 s
 * (Slack) or 15 s (Teams), so a request still arriving after 10 s is not theirs: it only
 * holds a socket. 256 KiB is far above any interaction, command or activity they send.
 */
export const CHAT_SERVER_LIMITS: ChatServerLimits = {
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxBodyBytes: 256 * 1024,
};

/** A JSON error answered on the raw socket, for requests Node refused before any handler. */
function rawAnswer(socket: Duplex, status: number, reason: string, error: string): void {
  const body = JSON.stringify({ error });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * The HTTP server of a chat app: Node's server with the limits above. A request whose
 * headers or body arrive too slowly is answered 408 and closed; one that ends before its
 * `Content-Length` (or is otherwise unreadable) gets a 400 while its socket can still hear
 * it. Either way the handler's body read fails, which the handler must expect.
 */
export function chatServer(
  listener: RequestListener,
  limits: ChatServerLimits = CHAT_SERVER_LIMITS,
): Server {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    listener,
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Nothing can be said once a response has begun, or when the client is gone.
    if (!socket.writable || (socket as Socket).bytesWritten > 0) return void socket.destroy();
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
      return rawAnswer(socket, 408, 'Request Timeout', 'the request took too long to arrive');
    if (error.code === 'HPE_HEADER_OVERFLOW')
      return rawAnswer(socket, 431, 'Request Header Fields Too Large', 'the headers are too large');
    rawAnswer(socket, 400, 'Bad Request', 'the request is malformed or ended before its body');
  });
  return server;
}

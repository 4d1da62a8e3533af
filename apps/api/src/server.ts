import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

/** How long a client may take to send its request. */
interface ServerTimeouts {
  /** The whole request, headers and body (Node's default is 300 s: a slow body holds a socket). */
  readonly requestTimeoutMs: number;
  /** The headers alone. */
  readonly headersTimeoutMs: number;
  /** How often Node looks for connections past these timeouts (its default is 30 s). */
  readonly checkIntervalMs?: number;
}

/**
 * Serves `fetch` on `port` with the request and headers timeouts: a client that sends its
 * headers or body too slowly gets a 408 and its socket closed, instead of holding a
 * connection (and a buffer) for Node's five minutes.
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  timeouts: ServerTimeouts,
  onListening: (port: number) => void = () => {},
): Server {
  const server = serve(
    {
      fetch,
      port,
      serverOptions: {
        requestTimeout: timeouts.requestTimeoutMs,
        // Node requires the headers timeout to be no longer than the request timeout.
        headersTimeout: Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs),
        ...(timeouts.checkIntervalMs
          ? { connectionsCheckingInterval: timeouts.checkIntervalMs }
          : {}),
      },
    },
    (info) => onListening(info.port),
  );
  return server as Server;
}

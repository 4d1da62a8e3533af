import type { Server } from 'node:http';
import { connect } from 'node:net';

/** How a raw request ends: the client vanishes, stops sending, or trickles a byte at a time. */
export type RawEnding = 'destroy' | 'half-close' | { readonly trickleMs: number };

/**
 * Sends `request` (bytes as written, e.g. a head promising more body than follows) over a
 * real socket, ends it as told, and resolves to everything the server answered by the time
 * the socket closed ('' when the client destroyed it first).
 */
export function rawExchange(port: number, request: string, ending: RawEnding): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let trickle: NodeJS.Timeout | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the server gives up on us is one of the outcomes under test.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(trickle);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('connect', () => {
      if (ending === 'half-close') socket.end(request);
      else if (ending === 'destroy')
        // Let the server read what was sent, so it is mid-body when the socket goes.
        socket.write(request, () => setTimeout(() => socket.destroy(), 20));
      else {
        socket.write(request);
        trickle = setInterval(() => socket.writable && socket.write('a'), ending.trickleMs);
      }
    });
  });
}

/** A head that promises `length` bytes of body, followed by the first `body` of them. */
export function truncatedPost(path: string, length: number, body: string): string {
  return `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${body}`;
}

/**
 * Resolves once the server holds no connection and the rejections of the handlers that
 * were reading from them have had their turn to surface as unhandled.
 */
export async function connectionsDrained(server: Server): Promise<void> {
  for (;;) {
    const open = await new Promise<number>((resolve, reject) =>
      server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Collects the process's unhandled rejections while `run` runs. */
export async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await run();
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

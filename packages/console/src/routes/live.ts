import { tenantChangeMark } from '@breachless/db';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ConsoleDeps, ConsoleEnv } from '../context.js';

const DEFAULT_POLL_MS = 2000;

/**
 * `GET /t/:tenant/live`: server-sent events, one `change` whenever any of the tenant's
 * tickets is stored or recomputed (an event arrived, the worker saw a breach). The stream
 * watches the database, not this process, so a page on one replica hears an event another
 * replica ingested. The page then reloads what it shows; `EventSource` reconnects by itself
 * when a stopping server ends the stream.
 */
export function liveRoutes(deps: ConsoleDeps, open: Set<() => Promise<void>>) {
  const pollMs = deps.livePollMs ?? DEFAULT_POLL_MS;
  return new Hono<ConsoleEnv>().get('/', (c) => {
    const { tenant } = c.get('session');
    return streamSSE(c, async (stream) => {
      // Held until the stream ends, so that a stopping server can end it (`endStreams`).
      const end = () => stream.close();
      open.add(end);
      stream.onAbort(() => {
        open.delete(end);
      });
      let mark = await tenantChangeMark(deps.db, tenant);
      await stream.writeSSE({ event: 'ready', data: String(mark) });
      while (!stream.aborted && !stream.closed) {
        await stream.sleep(pollMs);
        if (stream.aborted || stream.closed) break;
        const now = await tenantChangeMark(deps.db, tenant);
        if (now !== mark) {
          mark = now;
          await stream.writeSSE({ event: 'change', data: String(mark) });
        }
      }
      open.delete(end);
    });
  });
}

import { hostname } from 'node:os';
import { EngineCache } from '@breachless/db';
import { type NewConnection, rotateCredentials, saveConnection } from '@breachless/db/sync';
import { type RunTotals, type SyncRun, syncOnce } from '@breachless/sync';
import { openServiceDatabase } from '../database.js';
import { ActionableError } from '../errors.js';
import type { Io } from '../io.js';

/** What `connect` was asked to do once its flags are read. */
export type ConnectAction =
  | { kind: 'connect'; connection: NewConnection; detach: boolean }
  | { kind: 'rotate'; tenant: string; platform: string; token: string };

/**
 * Stores the connection (or its new token), then runs its backfill here page by page with
 * the progress on stderr, waiting out the helpdesk's rate limits, until it has caught up.
 * The run holds the connection's claim, so no worker reads it meanwhile; stopped halfway,
 * the claim lapses and a worker resumes from the last page stored.
 */
export async function backfillNow(io: Io, action: ConnectAction): Promise<number> {
  const handle = await openServiceDatabase(io);
  try {
    const tenant = action.kind === 'connect' ? action.connection.tenant : action.tenant;
    const platform = action.kind === 'connect' ? action.connection.platform : action.platform;
    if (action.kind === 'rotate') {
      const rotated = await rotateCredentials(
        handle.db,
        tenant,
        platform,
        { token: action.token },
        io.now(),
      );
      if (!rotated)
        throw new ActionableError(
          `tenant ${tenant} has no ${platform} connection: connect it first`,
        );
      io.stdout(`replaced the ${platform} token of tenant ${tenant}; the next run uses it\n`);
      return 0;
    }
    await saveConnection(handle.db, action.connection, io.now());
    io.stdout(`connected ${platform} (${action.connection.baseUrl}) for tenant ${tenant}\n`);
    if (action.detach) {
      io.stdout('the worker runs the backfill; `breachless connect status` shows how far it got\n');
      return 0;
    }
    const options = {
      db: handle.db,
      engines: new EngineCache(),
      clock: io.now,
      owner: `${hostname()}:${process.pid}:connect`,
      onPage: (_: unknown, t: RunTotals) =>
        io.stderr(
          `${platform} backfill: ${t.pages} pages, ${t.records} records read, ${t.stored} events stored, ${t.duplicates} already stored, ${t.seen} already delivered by webhooks, ${t.rejected} rejected\n`,
        ),
    };
    for (;;) {
      const run: SyncRun | null = await syncOnce(options, { tenant, platform });
      if (run === null || run.outcome === 'lease-lost') {
        io.stdout(
          'another process is reading this connection; `breachless connect status` shows how far it got\n',
        );
        return 0;
      }
      if (run.outcome === 'caught-up') {
        io.stdout(
          `${platform} backfill done; the worker reconciles every ${action.connection.intervalSeconds ?? 300} s from now on\n`,
        );
        return 0;
      }
      if (run.outcome === 'failed') {
        io.stderr(`${run.message}\n`);
        io.stdout(
          'the connection is stored: the worker tries again with a growing delay; fix and `breachless connect` again, or see `breachless connect status`\n',
        );
        return 1;
      }
      if (run.outcome === 'limited') {
        io.stderr(`${run.message}\n`);
        await new Promise((waited) =>
          setTimeout(waited, Math.max(0, (run.nextRunAt ?? 0) - io.now())),
        );
      }
    }
  } finally {
    await handle.close();
  }
}

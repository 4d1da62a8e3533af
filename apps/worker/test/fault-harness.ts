import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseEvents } from '@breachless/core';
import {
  type Database,
  EngineCache,
  ingestEvents,
  openDatabase,
  rowsOf,
  saveConfig,
} from '@breachless/db';
import { sql } from 'drizzle-orm';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
/** Tickets seeded by `seedDueTickets`. */
export const TICKETS = 300;
/** Levels each of them owes: 50%, 90% and the breach of its first response. */
export const LEVELS = 3;

/**
 * Migrates the database and seeds TICKETS tickets created three hours ago and ingested
 * then: every level is due and none notified yet.
 */
export async function seedDueTickets(url: string): Promise<void> {
  const h = await openDatabase({ databaseUrl: url });
  await h.migrate();
  const policy = {
    id: 'p',
    calendar: '24x7',
    targets: { first_response: { '*': '1h' } },
    warnings: ['50%', '90%'],
  };
  await saveConfig(h.db, 'default', { policies: [policy] }, 'test');
  const at = Date.now() - 3 * 3_600_000;
  const events = parseEvents(
    Array.from({ length: TICKETS }, (_, i) => ({
      id: `c${i}`,
      ticket: `T-${i}`,
      type: 'ticket.created',
      at: new Date(at).toISOString(),
      fields: { status: 'new' },
    })),
  );
  const engine = await new EngineCache().engineFor(h.db, 'default');
  for (let i = 0; i < TICKETS; i += 200)
    await ingestEvents(h.db, 'default', events.slice(i, i + 200), engine, at);
  await h.close();
}

/** A worker process, with what it printed (the last 64 KiB) for a failing test to show. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** What the worker printed so far: a test that fails shows why the worker did not work. */
  output(): string;
  /** The port its health server bound (it is started on port 0, so no two runs collide). */
  port(): Promise<number>;
}

/**
 * A real worker process as `npm start` runs it (node on the built entry, one process, so that
 * signals reach the worker itself), ticking every second in small batches, its health server
 * on a free port.
 */
export function startWorker(url: string): WorkerProcess {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      WORKER_SCHEDULE: '* * * * * *',
      WORKER_BATCH_SIZE: '10',
      WORKER_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const port = new Promise<number>((resolve, reject) => {
    // `keep` runs first, so `printed` holds a line even when it came in two chunks.
    const read = () => {
      const found = /"port":(\d+)[^\n]*"worker started"/.exec(printed);
      if (found) resolve(Number(found[1]));
    };
    child.stdout?.on('data', read);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${printed}`)));
  });
  port.catch(() => {});
  return { child, output: () => printed, port: () => port };
}

/** Notifications created, and how many distinct (cycle, level) they cover. */
export async function countNotifications(db: Database): Promise<{ n: number; distinct: number }> {
  const [row] = rowsOf<{ n: number; distinct: number }>(
    await db.execute(
      sql`select count(*)::int as n, count(distinct (ticket_id, metric, cycle, level))::int as distinct from notifications`,
    ),
  );
  return row ?? { n: 0, distinct: 0 };
}

/**
 * Polls (the database or a process, not the clock) until `done` holds; a read that fails
 * (the server is down) counts as not done. Bounded, so a hang fails the test.
 */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  limitMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if ((value !== undefined && done(value)) || Date.now() > deadline) return value as T;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

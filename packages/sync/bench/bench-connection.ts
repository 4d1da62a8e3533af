// What the sync benchmarks measure for every helpdesk, one connection at a time: a backfill
// from a loopback fake into a scratch PostgreSQL database through the ingest, then the cost
// of a reconcile when nothing changed. The fake serves from the bench's own process, so the
// CPU figure includes it.
import { EngineCache, openDatabase, saveConfig } from '@breachless/db';
import { connectionHealth, type NewConnection, saveConnection } from '@breachless/db/sync';
import { createScratchDatabase } from '@breachless/db/testing';
import { syncOnce } from '../src/job.js';

/** A loopback fake as the bench drives it (GitHub's also counts its 304s). */
export interface BenchedFake {
  start(): Promise<string>;
  close(): Promise<void>;
  readonly requests: number;
  readonly notModified?: number;
}

/** One helpdesk's bench: its fake (already filled) and how a connection reaches it. */
export interface ConnectionBench {
  readonly platform: NewConnection['platform'];
  readonly fake: BenchedFake;
  readonly connection: (url: string) => Omit<NewConnection, 'tenant' | 'platform' | 'cursor'>;
  readonly config: Parameters<typeof saveConfig>[2];
  readonly tickets: number;
  readonly now: number;
  /** Pages one backfill may read: more than the fake has. */
  readonly maxPages: number;
}

/**
 * Backfills the connection from cursor 0 (it must catch up and store every event), then
 * reconciles 50 times with nothing changed (each must store nothing), printing a line each.
 */
export async function benchConnection(base: string, b: ConnectionBench): Promise<void> {
  const { platform, fake, now } = b;
  const url = await fake.start();
  const scratch = await createScratchDatabase(base);
  const h = await openDatabase({ databaseUrl: scratch.url });
  await h.migrate();
  try {
    await saveConfig(h.db, 'bench', b.config, 'bench');
    await saveConnection(
      h.db,
      { tenant: 'bench', platform, cursor: '0', ...b.connection(url) },
      now,
    );
    const options = {
      db: h.db,
      engines: new EngineCache(),
      clock: () => now,
      owner: 'bench',
      maxPages: b.maxPages,
    };
    const only = { tenant: 'bench', platform };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const backfill = await syncOnce(options, only);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (backfill?.outcome !== 'caught-up')
      throw new Error(`backfill ended ${JSON.stringify(backfill)}`);
    const [health] = await connectionHealth(h.db, now, 'bench');
    const events = health?.backfill.stored ?? 0;
    console.log(
      `${platform} backfill: ${b.tickets} tickets, ${backfill.totals?.records} records in ${backfill.totals?.pages} pages (${fake.requests} requests), ${events} events stored (${health?.backfill.rejected} rejected) in ${(wall / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU of this process (${Math.round(events / (wall / 1000))} events/s)`,
    );
    // The first reconcile may list at the new cursor once (GitHub, Jira); from then on
    // nothing changed.
    await syncOnce(options, only);
    const requests = fake.requests;
    const notModified = fake.notModified ?? 0;
    const rounds = 50;
    const r0 = performance.now();
    for (let i = 0; i < rounds; i++) {
      const run = await syncOnce(options, only);
      if (run?.outcome !== 'caught-up' || run.totals?.stored !== 0)
        throw new Error(`reconcile stored ${JSON.stringify(run)}`);
    }
    const each = (performance.now() - r0) / rounds;
    const answered304 =
      fake.notModified === undefined
        ? ''
        : ` (${(fake.notModified - notModified) / rounds} answered 304)`;
    console.log(
      `${platform} reconcile with nothing changed: ${(fake.requests - requests) / rounds} request(s)${answered304} and ${each.toFixed(1)} ms per connection (mean of ${rounds})`,
    );
  } finally {
    await h.close();
    await scratch.drop();
    await fake.close();
  }
}

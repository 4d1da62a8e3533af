import {
  type Database,
  EngineCache,
  errorSummary,
  quarantineCounts,
  queueReminders,
  refreshReportPeriods,
  runTick,
  TicketCache,
  type TickResult,
} from '@breachless/db';
import type { Logger } from 'pino';
import { runDigests } from './digests.js';
import type { WorkerMetrics } from './metrics.js';

/** What a tick spends at most on closed report periods (each a read of one period's cycles). */
const REPORT_PERIODS_PER_TICK = { periods: 10, ms: 2_000 };

export interface WorkerOptions {
  readonly db: Database;
  /** The clock: UTC milliseconds. Tests drive it; production passes `Date.now`. */
  readonly clock: () => number;
  readonly logger: Logger;
  readonly metrics: WorkerMetrics;
  readonly batchSize?: number;
  /**
   * The tenants' engines; apps/server passes the API's, so that the two continue each
   * other's checkpoints (a checkpoint continues only with the engine that made it).
   */
  readonly engines?: EngineCache;
  /**
   * What this worker recomputed lately, so that a due ticket with no new event continues
   * from its checkpoint (64 MiB by default); apps/server shares the API's.
   */
  readonly tickets?: TicketCache;
  /**
   * A level noticed this long after its instant is marked late (default 2 min). A demo that
   * compresses time moves the clock in bigger steps, so it allows more.
   */
  readonly lateAfterMs?: number;
}

/**
 * Scans cycles whose next check has come, in batches, until none is left, then queues the
 * digests whose time has come, at every tick.
 * A tick never overlaps the previous one; a failing tick (PostgreSQL restarting, say) is
 * logged and retried at the next tick, so the process never crash-loops. A ticket that fails
 * on its own is quarantined by the tick (runTick), logged and counted per tenant; so is a
 * stored report shape whose periods cannot be computed (refreshReportPeriods).
 */
export class Worker {
  readonly #options: WorkerOptions;
  readonly #engines: EngineCache;
  readonly #tickets: TicketCache;
  #running: Promise<TickResult | undefined> | undefined;
  #stopping = false;
  #healthy = true;

  constructor(options: WorkerOptions) {
    this.#options = options;
    this.#engines = options.engines ?? new EngineCache();
    this.#tickets = options.tickets ?? new TicketCache();
  }

  /** Whether the last tick reached the database. */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** Runs one tick unless one is running or the worker is stopping; resolves to its totals. */
  tick(): Promise<TickResult | undefined> {
    if (this.#stopping) return Promise.resolve(undefined);
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops taking ticks and waits for the one in flight: its batch commits, or rolls back. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
  }

  async #drain(): Promise<TickResult | undefined> {
    const { db, clock, logger, metrics } = this.#options;
    const timer = metrics.tickSeconds.startTimer();
    const total = { claimed: 0, created: 0, lagMs: 0, claimMs: 0 };
    const quarantined: TickResult['quarantined'][number][] = [];
    try {
      for (;;) {
        const now = clock();
        const { batchSize, lateAfterMs } = this.#options;
        const result = await runTick(db, this.#engines, now, batchSize, {
          cache: this.#tickets,
          ...(lateAfterMs === undefined ? {} : { lateAfterMs }),
        });
        total.claimed += result.claimed;
        total.created += result.created;
        total.lagMs = Math.max(total.lagMs, result.lagMs);
        total.claimMs += result.claimMs;
        logQuarantined(logger, result.quarantined);
        metrics.quarantinedTotal.inc(result.quarantined.length);
        quarantined.push(...result.quarantined);
        if (result.drained || this.#stopping) break;
      }
      const digests = this.#stopping ? 0 : await runDigests(db, clock(), logger);
      if (digests > 0) logger.info({ digests }, 'digests queued');
      // Escalation ladders' reminders of breached cycles still open, each created once.
      const reminders = this.#stopping ? 0 : await queueReminders(db, this.#engines, clock());
      if (reminders > 0) logger.info({ reminders }, 'breach reminders queued');
      // Closed report periods kept computed: a few per tick, so the scan is never held up.
      if (!this.#stopping) {
        const periods = await refreshReportPeriods(db, clock(), REPORT_PERIODS_PER_TICK);
        if (periods.computed > 0)
          logger.info({ periods: periods.computed }, 'report periods computed');
        // A shape that fails is retried at every tick: the count shows it is still failing.
        for (const { tenant, unit, zone, error } of periods.failed) {
          logger.warn({ tenant, unit, zone, error }, 'report periods failed; the others go on');
          metrics.reportFailures.inc({ tenant });
        }
      }
      metrics.ticketCacheBytes.set(this.#tickets.bytes);
      await this.#countQuarantined();
      this.#healthy = true;
      metrics.claimed.inc(total.claimed);
      metrics.created.inc(total.created);
      metrics.lagSeconds.set(total.lagMs / 1000);
      if (total.claimed > 0) logger.info({ ...total }, 'tick');
      return { ...total, drained: true, quarantined };
    } catch (error) {
      this.#healthy = false;
      metrics.failures.inc();
      // The summary only: drizzle's message carries the query's parameters (ticket data).
      logger.error({ error: errorSummary(error) }, 'tick failed; retrying at the next tick');
      return undefined;
    } finally {
      timer();
    }
  }

  /** Sets the quarantine gauge to every tenant's count, dropping tenants that have none left. */
  async #countQuarantined(): Promise<void> {
    const counts = await quarantineCounts(this.#options.db);
    const gauge = this.#options.metrics.quarantined;
    gauge.reset();
    for (const [tenant, n] of counts) gauge.set({ tenant }, n);
  }
}

/** Most ticket ids named in one log line; the count says how many there were. */
const LOGGED_IDS = 20;

/**
 * One warning per tenant and error rather than per ticket: a stored config the version
 * refuses fails every ticket of its tenant alike, a batch at a time.
 */
function logQuarantined(logger: Logger, failures: TickResult['quarantined']): void {
  const groups = new Map<string, TickResult['quarantined'][number][]>();
  for (const f of failures) {
    const key = JSON.stringify([f.tenant, f.code, f.message]);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const tickets = group.slice(0, LOGGED_IDS).map((f) => f.ticket);
    const error = { message: first.message, code: first.code };
    logger.warn(
      { tenant: first.tenant, tickets, count: group.length, error },
      'tickets quarantined',
    );
  }
}

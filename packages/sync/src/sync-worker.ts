import { type SyncJobOptions, type SyncRun, syncDue } from './job.js';

/** What the worker logs through: pino's shape, without depending on it. */
export interface SyncLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * The reconcile job as a service runs it: at every tick, each connection whose time has
 * come is read (`syncDue`), one after another; a tick never overlaps the previous one, a
 * failing tick (the database restarting) is logged and tried again at the next, and stop
 * waits for the run in flight, whose last page is committed with its cursor. Replicas each
 * run one: the claims in PostgreSQL keep them off each other's connections.
 */
export class SyncWorker {
  readonly #options: SyncJobOptions;
  readonly #logger: SyncLogger;
  #running: Promise<SyncRun[]> | undefined;
  #stopping = false;

  constructor(options: SyncJobOptions & { logger: SyncLogger }) {
    this.#options = options;
    this.#logger = options.logger;
  }

  /** Runs the due connections unless a tick is running or the worker is stopping. */
  tick(): Promise<SyncRun[]> {
    if (this.#stopping) return Promise.resolve([]);
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
  }

  async #run(): Promise<SyncRun[]> {
    try {
      const runs = await syncDue(this.#options);
      for (const run of runs) {
        // Tenant, platform and counts only: a run never logs credentials or a base URL's query.
        const fields = {
          tenant: run.tenant,
          platform: run.platform,
          phase: run.phase,
          outcome: run.outcome,
          ...run.totals,
        };
        if (run.outcome === 'failed')
          this.#logger.warn({ ...fields, error: run.message }, 'sync failed');
        else if (run.outcome === 'limited')
          this.#logger.info({ ...fields, error: run.message }, 'sync rate limited');
        else this.#logger.info(fields, 'sync run');
      }
      return runs;
    } catch (error) {
      this.#logger.error({ err: error }, 'sync tick failed');
      return [];
    }
  }
}

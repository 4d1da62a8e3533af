import {
  type ConsoleDelivery,
  type ConsolePortOptions,
  consoleDelivery,
  consolePort,
  renderText,
  slaRequest,
} from '@breachless/chat';
import { type ConsoleDeps, consoleLoginUrl, createConsole } from '@breachless/console';
import {
  chatQueries,
  type DatabaseHandle,
  deliveryOutbox,
  EngineCache,
  errorSummary,
  openDatabase,
  TicketCache,
} from '@breachless/db';
import { createApp } from '@breachless/http';
import { Worker, workerMetrics } from '@breachless/jobs';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { DEMO_TENANT } from './demo/demo-config.js';
import type { DemoRun } from './demo/demo-run.js';
import { prepareDemo } from './demo/prepare.js';

export interface StandaloneOptions {
  readonly databaseUrl?: string | undefined;
  /** PGlite's directory; absent (tests), an in-memory database. */
  readonly dataDir?: string | undefined;
  /** The console channel alerts and digests are printed for. */
  readonly channel: string;
  /** Real time, or the demo's simulated time. */
  readonly clock: () => number;
  readonly console: ConsolePortOptions;
  readonly logger: Logger;
  /** The demo's replay of the sample log; absent, only what the API receives is monitored. */
  readonly demo?: DemoRun;
  /** How late a level may be noticed before it is marked late (the demo's step allows more). */
  readonly lateAfterMs?: number;
  /** Sign in with Slack on the console (the Slack app's credentials), when configured. */
  readonly slackSignIn?: ConsoleDeps['slack'];
}

/**
 * Breachless in one process: the API, the worker and console delivery over one database (the
 * embedded PGlite is one connection, so one process must own it). `step` runs one round:
 * feed the demo's events that time has passed, scan, deliver.
 */
export class Standalone {
  readonly #o: StandaloneOptions;
  readonly #handle: DatabaseHandle;
  readonly #engines = new EngineCache();
  // One process: the worker continues the checkpoints the API's ingest made, and back.
  readonly #tickets = new TicketCache();
  readonly #worker: Worker;
  readonly #delivery: ConsoleDelivery;
  readonly api: ReturnType<typeof createApp>;
  /** The web console, served beside the API on its port. */
  readonly console: ReturnType<typeof createConsole>;
  readonly tenant: string;

  private constructor(o: StandaloneOptions, handle: DatabaseHandle) {
    this.#o = o;
    this.#handle = handle;
    this.tenant = o.demo ? DEMO_TENANT : 'default';
    const { db } = handle;
    this.#worker = new Worker({
      db,
      clock: o.clock,
      logger: o.logger,
      metrics: workerMetrics(),
      engines: this.#engines,
      tickets: this.#tickets,
      ...(o.lateAfterMs === undefined ? {} : { lateAfterMs: o.lateAfterMs }),
    });
    this.#delivery = consoleDelivery({
      outbox: deliveryOutbox(db),
      port: consolePort(o.console),
      clock: o.clock,
      logger: o.logger,
      summarise: errorSummary,
    });
    this.api = createApp({
      db,
      engines: this.#engines,
      tickets: this.#tickets,
      clock: o.clock,
      logger: o.logger,
      registry: new Registry(),
      maxBodyBytes: 5 * 1024 * 1024,
    });
    // SLA time is the demo's simulated clock; sign-in links and sessions keep real time.
    this.console = createConsole({
      db,
      engines: this.#engines,
      clock: o.clock,
      logger: o.logger,
      ...(o.slackSignIn ? { slack: o.slackSignIn } : {}),
    });
  }

  /** A one-time admin sign-in link to the console for this server's tenant (what it prints). */
  loginUrl(baseUrl: string): Promise<string> {
    return consoleLoginUrl(this.#handle.db, {
      tenant: this.tenant,
      role: 'admin',
      user: 'admin',
      baseUrl,
      now: Date.now(),
    });
  }

  /**
   * Opens the database, applies migrations (one process: nobody else runs them) and sets up;
   * a demo is placed where this database's last run left it, and says so on the console.
   */
  static async open(o: StandaloneOptions): Promise<Standalone> {
    const handle = await openDatabase({
      databaseUrl: o.databaseUrl,
      dataDir: o.dataDir,
      migrating: true,
    });
    await handle.migrate();
    const server = new Standalone(o, handle);
    if (o.demo) {
      o.console.write(`${await o.demo.begin(handle.db)}\n`);
      await prepareDemo(handle.db, o.channel, o.demo.clock());
    }
    return server;
  }

  /**
   * One round: the demo's due events in, a worker tick, every due message out.
   * @returns the instant it ran at, the demo's position once it is done
   */
  async step(): Promise<{ now: number; fed: number; created: number }> {
    const now = this.#o.clock();
    const { demo } = this.#o;
    const { db } = this.#handle;
    const fed = demo ? await demo.feed(db, await this.#engines.engineFor(db, DEMO_TENANT), now) : 0;
    const tick = await this.#worker.tick();
    await this.#delivery.deliver();
    // Everything up to `now` is fed: a restart goes on from there, losing no event, and a
    // reader of this database (the CLI) answers at this instant.
    if (demo) await demo.save(db, now);
    return { now, fed, created: tick?.created ?? 0 };
  }

  /**
   * Answers a `/sla` command typed on the console, as the chat apps would, as one block under
   * a header naming the command: printed at once between two alerts, never mixed with them.
   */
  async answer(line: string): Promise<string> {
    const typed = line.replace(/^\/?sla\b/i, '').trim();
    return `\n── /sla ${typed} ──\n${await this.#answer(typed)}\n`;
  }

  async #answer(typed: string): Promise<string> {
    const view = await slaRequest(typed, '/sla').answer(
      { zone: 'UTC', now: this.#o.clock(), canManage: async () => ({ ok: true }) },
      chatQueries(this.#handle.db, this.#engines, {
        tenant: this.tenant,
        platform: 'console',
        channel: this.#o.channel,
        user: 'console',
      }),
    );
    return renderText(view);
  }

  /** Waits for the round in flight, then closes the database. */
  async close(): Promise<void> {
    await this.#worker.stop();
    await this.#handle.close();
  }
}

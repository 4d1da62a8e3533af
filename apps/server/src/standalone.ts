import {
  type ChatView,
  type ConsolePortOptions,
  consolePort,
  parseCommand,
  renderText,
  runCommand,
} from '@breachless/chat';
import {
  addSubscription,
  channelSubscriptions,
  chatQueries,
  currentConfig,
  type DatabaseHandle,
  EngineCache,
  openDatabase,
  saveConfig,
  TicketCache,
} from '@breachless/db';
import { createApp } from '@breachless/http';
import { Worker, workerMetrics } from '@breachless/jobs';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { consoleDelivery } from './console-delivery.js';
import { DEMO_CONFIG, DEMO_TENANT } from './demo/demo-config.js';
import type { Replay } from './demo/replay.js';

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
  readonly replay?: Replay;
  /** How late a level may be noticed before it is marked late (the demo's step allows more). */
  readonly lateAfterMs?: number;
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
  readonly #delivery: ReturnType<typeof consoleDelivery>;
  readonly api: ReturnType<typeof createApp>;
  readonly tenant: string;

  private constructor(o: StandaloneOptions, handle: DatabaseHandle) {
    this.#o = o;
    this.#handle = handle;
    this.tenant = o.replay ? DEMO_TENANT : 'default';
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
    this.#delivery = consoleDelivery(db, consolePort(o.console), o.clock, o.logger);
    this.api = createApp({
      db,
      engines: this.#engines,
      tickets: this.#tickets,
      clock: o.clock,
      logger: o.logger,
      registry: new Registry(),
      maxBodyBytes: 5 * 1024 * 1024,
    });
  }

  /** Opens the database, applies migrations (one process: nobody else runs them) and sets up. */
  static async open(o: StandaloneOptions): Promise<Standalone> {
    const handle = await openDatabase({ databaseUrl: o.databaseUrl, dataDir: o.dataDir });
    await handle.migrate();
    const server = new Standalone(o, handle);
    if (o.replay) await server.#prepareDemo();
    return server;
  }

  /** First start of a demo: its SLA config, and the console channel subscribed to alerts and a digest. */
  async #prepareDemo(): Promise<void> {
    const { db } = this.#handle;
    if (!(await currentConfig(db, DEMO_TENANT)))
      await saveConfig(db, DEMO_TENANT, DEMO_CONFIG, 'demo');
    const where = { platform: 'console', channel: this.#o.channel };
    if ((await channelSubscriptions(db, DEMO_TENANT, 'console', this.#o.channel)).length > 0)
      return;
    const subscription = { ...where, createdBy: 'demo' };
    // Urgent and high only: every priority would print several alerts a second at the
    // default speed. `/sla subscribe alerts` on the console adds more.
    for (const priority of ['urgent', 'high'])
      await addSubscription(db, DEMO_TENANT, {
        ...subscription,
        kind: 'alerts',
        filters: { priority },
      });
    await addSubscription(db, DEMO_TENANT, {
      ...subscription,
      kind: 'digest',
      filters: {},
      schedule: { every: 'daily', time: '09:00', zone: 'UTC' },
    });
  }

  /**
   * One round: the demo's due events in, a worker tick, every due message out.
   * @returns the instant it ran at, the demo's position once it is done
   */
  async step(): Promise<{ now: number; fed: number; created: number }> {
    const now = this.#o.clock();
    const replay = this.#o.replay;
    const fed = replay
      ? await replay.feed(
          this.#handle.db,
          DEMO_TENANT,
          await this.#engines.engineFor(this.#handle.db, DEMO_TENANT),
          now,
        )
      : 0;
    const tick = await this.#worker.tick();
    await this.#delivery.deliver();
    return { now, fed, created: tick?.created ?? 0 };
  }

  /** Answers a `/sla` command typed on the console, as the chat apps would. */
  async answer(line: string): Promise<string> {
    const parsed = parseCommand(line.replace(/^\/?sla\b/i, '').trim(), '/sla');
    let view: ChatView;
    if (!parsed.ok)
      view = { kind: 'notice', tone: 'error', text: parsed.error, usage: parsed.usage };
    else
      view = await runCommand(
        parsed.command,
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

import type { Engine, TicketEvent } from '@breachless/core';
import type { Database, ErrorSummary } from '../storage/index.js';
import {
  type EngineLookup,
  type IngestOptions,
  type IngestResult,
  ingestEvents,
  ingestStoring,
} from './ingest.js';
import { IngestPhases } from './phases.js';

/**
 * The tenant's engine, or what keeps it from being built (engineOrFailure), for the config
 * version the ingest's transaction read (`db` is that transaction).
 */
export type EngineOf = (
  tenant: string,
  db: Database,
  version: number,
) => Promise<Engine | ErrorSummary>;

interface Waiting {
  readonly events: readonly TicketEvent[];
  readonly now: number;
  readonly phases: IngestPhases | undefined;
  readonly resolve: (result: IngestResult) => void;
  readonly reject: (error: unknown) => void;
}

export interface IngestGroupOptions {
  /** Transactions of one process in flight at once (default 2); the others' requests wait. */
  readonly concurrency?: number;
  /** The most events one transaction takes from waiting requests (default 2,000). */
  readonly maxEvents?: number;
  /**
   * A transaction beyond the first in flight starts only when at least this many events
   * wait (default 50); fewer wait for the running one to end and share the next.
   */
  readonly overlapEvents?: number;
}

/**
 * Group commit for ingest: requests that arrive while this process's transactions are busy
 * wait, and the next transaction stores and recomputes all those of one tenant and config
 * together, as one batch. A request is answered only once the transaction holding its events
 * has committed, with its own counts: an event is its request's if that request is the first
 * of the group to carry its id (as if the requests had run one after the other, in order).
 * Cycles and notifications are those of the group's events arriving as one batch, as a
 * helpdesk sending them together would have had them.
 * One event a request is the common case of webhooks, and a transaction costs about the
 * same for one event as for ten. If a group's transaction fails, each of its requests runs
 * alone, so one request's failure is never another's. No timer: a request that finds no
 * transaction running starts at once.
 * A second transaction in flight overlaps one's round trips with the other's work, which
 * pays for batches; for a few small requests it only splits them into more transactions,
 * and a transaction's cost is mostly fixed (about 5 ms of PostgreSQL CPU whether it holds 1
 * or 10 events, on the shared 2-core machine): one-event requests from 10 senders made 4.9
 * requests a transaction and 190-330 requests/s with two in flight at any time, 10 and
 * 250-460/s with one, so a second starts only for `overlapEvents` waiting events or more.
 */
export class IngestGroup {
  readonly #waiting = new Map<string, Waiting[]>();
  readonly #concurrency: number;
  readonly #maxEvents: number;
  readonly #overlapEvents: number;
  #running = 0;
  /** Events in the waiting requests, of every tenant. */
  #waitingEvents = 0;

  constructor(
    private readonly db: Database,
    private readonly engineOf: EngineOf,
    private readonly options: IngestOptions = {},
    group: IngestGroupOptions = {},
  ) {
    this.#concurrency = group.concurrency ?? 2;
    this.#maxEvents = group.maxEvents ?? 2000;
    this.#overlapEvents = group.overlapEvents ?? 50;
  }

  /**
   * Ingests a validated request's events (ingestEvents) with those waiting beside it, under
   * the tenant's engine checked once for them all, in the transaction's first round trip.
   */
  ingest(
    tenant: string,
    events: readonly TicketEvent[],
    now: number,
    phases?: IngestPhases,
  ): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      const queue = this.#waiting.get(tenant) ?? [];
      queue.push({ events, now, phases, resolve, reject });
      this.#waiting.set(tenant, queue);
      this.#waitingEvents += events.length;
      this.#next();
    });
  }

  #next(): void {
    while (this.#running < this.#concurrency) {
      if (this.#running > 0 && this.#waitingEvents < this.#overlapEvents) return;
      // The tenant waiting longest first: a Map iterates in insertion order.
      const [tenant, queue] = this.#waiting.entries().next().value ?? [];
      if (tenant === undefined || queue === undefined) return;
      const group = this.#take(queue);
      if (queue.length === 0) this.#waiting.delete(tenant);
      else {
        // Behind the other tenants now.
        this.#waiting.delete(tenant);
        this.#waiting.set(tenant, queue);
      }
      this.#running++;
      this.#run(tenant, group).finally(() => {
        this.#running--;
        this.#next();
      });
    }
  }

  /** The first waiting requests, up to maxEvents (at least one). */
  #take(queue: Waiting[]): Waiting[] {
    let count = 0;
    let n = 0;
    for (const w of queue) {
      if (n > 0 && count + w.events.length > this.#maxEvents) break;
      count += w.events.length;
      n++;
    }
    this.#waitingEvents -= count;
    return queue.splice(0, n);
  }

  async #run(tenant: string, group: readonly Waiting[]): Promise<void> {
    for (const w of group) w.phases?.mark('wait');
    const engine: EngineLookup = (tx, version) => this.engineOf(tenant, tx, version);
    const [first] = group;
    if (group.length === 1 && first) {
      await this.#alone(tenant, first, engine);
      return;
    }
    const events = group.flatMap((w) => w.events);
    const now = Math.max(...group.map((w) => w.now));
    const phases = new IngestPhases();
    let stored: Awaited<ReturnType<typeof ingestStoring>>;
    try {
      stored = await ingestStoring(this.db, tenant, events, engine, now, {
        ...this.options,
        phases,
      });
    } catch {
      // Each on its own: a request's own failure reaches only that request.
      for (const w of group) await this.#alone(tenant, w, engine);
      return;
    }
    const mine = new Set(stored.fresh);
    const failed = new Map(stored.result.quarantined.map((f) => [f.ticket, f]));
    for (const w of group) {
      const fresh = w.events.filter((e) => mine.has(e));
      const tickets = new Set(fresh.map((e) => e.ticket));
      for (const [phase, ms] of phases.ms) w.phases?.ms.set(phase, ms);
      w.resolve({
        accepted: fresh.length,
        duplicates: w.events.length - fresh.length,
        tickets: tickets.size,
        quarantined: [...failed.values()].filter((f) => tickets.has(f.ticket)),
      });
    }
  }

  async #alone(tenant: string, w: Waiting, engine: EngineLookup): Promise<void> {
    const options = { ...this.options, ...(w.phases ? { phases: w.phases } : {}) };
    await ingestEvents(this.db, tenant, w.events, engine, w.now, options).then(w.resolve, w.reject);
  }
}

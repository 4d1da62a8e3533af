import { parseEvents } from '@breachless/core';
import { EngineCache, ingestEvents, saveConfig, TicketCache } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { workerMetrics } from '../src/metrics.js';
import { Worker } from '../src/worker.js';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const MIN = 60_000;

describeEachDriver('worker ticket cache', (handle) => {
  it('continues a due ticket it saw at its last tick, and shows what its cache holds', async () => {
    const { db } = handle();
    const config = {
      policies: [
        {
          id: 'p',
          calendar: '24x7',
          targets: { first_response: { '*': '1h' }, resolution: { '*': '8h' } },
          warnings: ['50%', '90%'],
        },
      ],
    };
    await saveConfig(db, 'acme', config, 'test');
    const created = {
      ...{ id: 'c', ticket: 'T-1', type: 'ticket.created', at: new Date(T0).toISOString() },
      fields: { status: 'new' },
    };
    const engine = await new EngineCache().engineFor(db, 'acme');
    await ingestEvents(db, 'acme', parseEvents([created]), engine, T0);
    const tickets = new TicketCache();
    const metrics = workerMetrics();
    let now = T0;
    const logger = pino({ level: 'silent' });
    const worker = new Worker({ db, clock: () => now, logger, metrics, tickets });

    // 50% of the first response, then 90%, then its breach: the same ticket due each time.
    const fired = [];
    for (const minutes of [31, 55, 61]) {
      now = T0 + minutes * MIN;
      fired.push((await worker.tick())?.created);
    }
    expect(fired).toEqual([1, 1, 1]);
    // The first tick evaluated the ticket whole; the next two continued its checkpoint.
    expect(tickets.hits).toBe(2);
    expect(tickets.bytes).toBeGreaterThan(0);
    expect(
      await metrics.registry.getSingleMetricAsString('breachless_worker_ticket_cache_bytes'),
    ).toContain(`breachless_worker_ticket_cache_bytes ${tickets.bytes}`);
  });
});

// Test support, exported as `@breachless/db/testing` for every package whose suites need a
// real database: not part of the runtime.
import { parseEvents } from '@breachless/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { ingestEvents } from './ingest/index.js';
import type { Database, DatabaseHandle } from './storage/index.js';
import { EngineCache, saveConfig } from './tenants/index.js';
import { type SuiteDatabase, suiteDatabase } from './testing-shared.js';

/**
 * Runs a behavioural suite on every driver: embedded PGlite always, and real PostgreSQL
 * whenever `TEST_DATABASE_URL` is set (CI sets it); without it the PostgreSQL variant is
 * skipped, so the run counts it (and the test summary fails it under CI). Each suite starts on
 * a migrated database with every table empty: the test process's one of each driver, emptied
 * after the suite before (testing-shared.ts); PGlite's started from the migrated image
 * (testing-pglite.ts), PostgreSQL's created on the server of `TEST_DATABASE_URL`.
 */
export function describeEachDriver(
  title: string,
  suite: (handle: () => DatabaseHandle, url: () => string | undefined) => void,
): void {
  for (const driver of ['pglite', 'postgres'] as const) {
    const run = driver === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
    describe.runIf(run)(`${title} [${driver}]`, () => {
      let database: SuiteDatabase | undefined;
      beforeAll(async () => {
        database = await suiteDatabase(driver);
        await database.handle.migrate();
      });
      afterAll(() => database?.release());
      suite(
        () => {
          if (!database) throw new Error('database not open');
          return database.handle;
        },
        () => database?.url,
      );
    });
  }
}

/** A tenant whose policy targets a 1h first response with warnings at 50% and 75%. */
export async function seedTenant(db: Database, tenant = 'default') {
  await saveConfig(
    db,
    tenant,
    {
      calendars: [
        {
          id: 'ny',
          timezone: 'America/New_York',
          hours: Object.fromEntries(
            ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]),
          ),
        },
      ],
      policies: [
        {
          id: 'std',
          calendar: 'ny',
          targets: { first_response: { '*': '1h' } },
          warnings: ['50%', '75%'],
        },
      ],
    },
    'test',
  );
  return new EngineCache().engineFor(db, tenant);
}

/** Ingests events (plain objects in the spec's format) for a tenant at `now`. */
export async function ingest(db: Database, tenant: string, events: object[], now: number) {
  const engine = await new EngineCache().engineFor(db, tenant);
  await ingestEvents(db, tenant, parseEvents(events), engine, now);
}

/** `ticket.created` for a ticket at an instant, with fields. */
export const created = (ticket: string, at: number, fields: Record<string, unknown> = {}) => ({
  id: `${ticket}-created`,
  ticket,
  type: 'ticket.created',
  at: new Date(at).toISOString(),
  fields: {
    status: 'new',
    subject: `Subject of ${ticket}`,
    url: `https://help.example.com/${ticket}`,
    team: 'billing',
    priority: 'high',
    ...fields,
  },
});
export { answeredTicket, CONTRACT_CONFIG } from './testing-contracts.js';
export { assertSameCycles, type CycleFacts, storedCycles } from './testing-cycles.js';
export { initdbDataDir, openMigratedPglite } from './testing-pglite.js';
export { createScratchDatabase } from './testing-scratch.js';
export { type ServiceRun, type ServiceUnderTest, serviceUnderTest } from './testing-service.js';
export { type SuiteDatabase, suiteDatabase } from './testing-shared.js';
export { expectCleanSigterm } from './testing-sigterm.js';

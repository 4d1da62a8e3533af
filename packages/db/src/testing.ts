// Test support, exported as `@breachless/db/testing` for every package whose suites need a
// real database: not part of the runtime.
import { randomBytes } from 'node:crypto';
import { parseEvents } from '@breachless/core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { ingestEvents } from './ingest/index.js';
import type { Database, DatabaseHandle } from './storage/index.js';
import { openDatabase } from './storage/index.js';
import { EngineCache, saveConfig } from './tenants/index.js';
import { openMigratedPglite } from './testing-pglite.js';

/**
 * Runs a behavioural suite on every driver: embedded PGlite always, and real PostgreSQL
 * whenever `TEST_DATABASE_URL` is set (CI sets it); without it the PostgreSQL variant is
 * skipped, so the run counts it (and the test summary fails it under CI). Each PostgreSQL
 * suite gets a database of its own, created from the server's `test` database and dropped
 * afterwards; each PGlite suite starts from a migrated snapshot (testing-pglite.ts).
 */
export function describeEachDriver(
  title: string,
  suite: (handle: () => DatabaseHandle, url: () => string | undefined) => void,
): void {
  for (const driver of ['pglite', 'postgres'] as const) {
    const run = driver === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
    describe.runIf(run)(`${title} [${driver}]`, () => {
      let handle: DatabaseHandle | undefined;
      let url: string | undefined;
      let dropDatabase: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (driver === 'postgres') {
          const created = await createScratchDatabase(process.env.TEST_DATABASE_URL as string);
          url = created.url;
          dropDatabase = created.drop;
        }
        handle = url ? await openDatabase({ databaseUrl: url }) : await openMigratedPglite();
        await handle.migrate();
      });
      afterAll(async () => {
        await handle?.close();
        await dropDatabase?.();
      });
      suite(
        () => {
          if (!handle) throw new Error('database not open');
          return handle;
        },
        () => url,
      );
    });
  }
}

/** Creates an empty database on the server of `baseUrl`; returns its URL and how to drop it. */
export async function createScratchDatabase(
  baseUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `breachless_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
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
export { openMigratedPglite } from './testing-pglite.js';
export { type ServiceRun, type ServiceUnderTest, serviceUnderTest } from './testing-service.js';
export { expectCleanSigterm } from './testing-sigterm.js';

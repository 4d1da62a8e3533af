// Test support, exported as `@breachless/db/testing` for every package whose suites need a
// real database: not part of the runtime.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase } from './client.js';
import type { DatabaseHandle } from './database.js';

/**
 * Runs a behavioural suite on every driver: embedded PGlite always, and real PostgreSQL
 * whenever `TEST_DATABASE_URL` is set (CI sets it). Each PostgreSQL suite gets a database of
 * its own, created from the server's `test` database and dropped afterwards.
 */
export function describeEachDriver(
  title: string,
  suite: (handle: () => DatabaseHandle, url: () => string | undefined) => void,
): void {
  const drivers: ('pglite' | 'postgres')[] = ['pglite'];
  if (process.env.TEST_DATABASE_URL) drivers.push('postgres');
  for (const driver of drivers) {
    describe(`${title} [${driver}]`, () => {
      let handle: DatabaseHandle | undefined;
      let url: string | undefined;
      let dropDatabase: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (driver === 'postgres') {
          const created = await createScratchDatabase(process.env.TEST_DATABASE_URL as string);
          url = created.url;
          dropDatabase = created.drop;
        }
        handle = await openDatabase({ databaseUrl: url });
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

import { ConfigError, parseConfig } from '@breachless/core';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { isTransient } from '../src/ingest/quarantine.js';
import { describeEachDriver } from '../src/testing.js';

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('it did not fail');
}

describeEachDriver('isTransient', (handle, url) => {
  it('blames the ticket for a value out of range, the circumstances for a lock it cannot get', async () => {
    const range = await failure(() => handle().db.execute(sql`select ${'99999999999'}::int4`));
    expect(isTransient(range)).toBe(false);
    const base = url();
    if (base === undefined) return; // one connection on PGlite: nothing else can hold a lock
    const holder = postgres(base, { max: 1, onnotice: () => {} });
    const impatient = postgres(`${base}?lock_timeout=200`, { max: 1, onnotice: () => {} });
    try {
      await holder`create table if not exists lock_probe (id int primary key)`;
      await holder`insert into lock_probe values (1) on conflict do nothing`;
      await holder.begin(async (tx) => {
        await tx`select id from lock_probe where id = 1 for update`;
        const locked = await failure(() =>
          impatient.begin((other) => other`select id from lock_probe where id = 1 for update`),
        );
        expect((locked as { code?: string }).code).toBe('55P03');
        expect(isTransient(locked)).toBe(true);
      });
    } finally {
      // The schema as migrated again, so the run's shared database serves the next suite.
      await holder`drop table if exists lock_probe`;
      await impatient.end();
      await holder.end();
    }
  });
});

it("blames the config for the core's errors, the network for a refused connection", async () => {
  let invalid: unknown;
  try {
    parseConfig({ policies: [{ id: 'p', calendar: 'nowhere', targets: {} }] });
  } catch (error) {
    invalid = error;
  }
  expect(invalid).toBeInstanceOf(ConfigError);
  expect(isTransient(invalid)).toBe(false);
  // Port 1 on this machine: nothing listens, the connection is refused.
  const nobody = postgres('postgres://postgres@127.0.0.1:1/none', { max: 1, connect_timeout: 5 });
  const refused = await failure(() => nobody`select 1`);
  await nobody.end();
  expect(isTransient(refused)).toBe(true);
  expect(isTransient(new TypeError('x is not a function'))).toBe(false);
});

import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { errorSummary } from '../src/storage/error-summary.js';
import { describeEachDriver } from '../src/testing.js';

const MARKER = 'SECRET-BODY-MARKER-7f3a';

/** Runs a statement expected to fail and returns what it threw. */
async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('the statement did not fail');
}

describeEachDriver('errorSummary', (handle) => {
  it('keeps the code and message of a failed query but not its text or parameters', async () => {
    // A real failure whose parameters carry data: an event body that is too big for int4.
    const error = await failure(() =>
      handle().db.execute(
        sql`select ${JSON.stringify({ body: MARKER })}::jsonb as body, ${'99999999999'}::int4 as n`,
      ),
    );
    // The raw error does carry the marker (that is the leak this guards against).
    expect(String((error as Error).message)).toContain(MARKER);
    const summary = errorSummary(error);
    expect(summary.code).toBe('22003');
    expect(summary.message).toMatch(/out of range/);
    expect(JSON.stringify(summary)).not.toContain(MARKER);
    expect(JSON.stringify(summary)).not.toMatch(/select|Failed query|params/i);
  });

  it('leaves out the detail of a constraint violation, which quotes the values', async () => {
    const db = handle().db;
    await db.execute(sql`create temporary table unique_probe (v text primary key)`);
    await db.execute(sql`insert into unique_probe values (${MARKER})`);
    const error = await failure(() => db.execute(sql`insert into unique_probe values (${MARKER})`));
    const summary = errorSummary(error);
    expect(summary.code).toBe('23505');
    expect(JSON.stringify(summary)).not.toContain(MARKER);
  });
});

it('summarises errors that did not come from a database', () => {
  expect(errorSummary(new TypeError('x is not a function'))).toEqual({
    message: 'x is not a function',
  });
  expect(errorSummary('plain text')).toEqual({ message: 'plain text' });
  expect(errorSummary(undefined)).toEqual({ message: 'database query failed' });
  // A wrapper with no cause says only that a query failed.
  const wrapper = new Error(`Failed query: insert into x values ($1)\nparams: ${MARKER}`);
  expect(errorSummary(wrapper)).toEqual({ message: 'database query failed' });
});

it('cuts long messages to one short line and stops on a cause cycle', () => {
  const long = new Error(`${'x'.repeat(1_000)}\nsecond line ${MARKER}`);
  const summary = errorSummary(long);
  expect(summary.message.length).toBeLessThanOrEqual(301);
  expect(summary.message).not.toContain(MARKER);
  const looped = new Error('Failed query: select 1\nparams: ') as Error & { cause?: unknown };
  looped.cause = looped;
  expect(errorSummary(looped)).toEqual({ message: 'database query failed' });
});

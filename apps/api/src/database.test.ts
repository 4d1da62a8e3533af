import { errorSummary, rowsOf } from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openApiDatabase } from './database.js';
import { readEnv } from './env.js';

const base = process.env.TEST_DATABASE_URL;

// PostgreSQL alone has a statement timeout: like describeEachDriver's PostgreSQL suites, this
// runs whenever TEST_DATABASE_URL is set (CI sets it).
if (base)
  describe('the API database on PostgreSQL', () => {
    it('cancels a statement running past the request timeout', async () => {
      const scratch = await createScratchDatabase(base as string);
      const handle = await openApiDatabase(
        readEnv({ DATABASE_URL: scratch.url, REQUEST_TIMEOUT_MS: '200' }),
      );
      try {
        const slow = handle.db.execute(sql`select pg_sleep(10)`).then(
          () => undefined,
          (error: unknown) => errorSummary(error),
        );
        // 57014 query_canceled: PostgreSQL stopped it at 200 ms, not after 10 s.
        expect(await slow).toEqual({
          code: '57014',
          message: 'canceling statement due to statement timeout',
        });
        // A statement in time still runs.
        expect(rowsOf(await handle.db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);
      } finally {
        await handle.close();
        await scratch.drop();
      }
    });
  });

import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from '../src/storage/client.js';
import { MIGRATIONS_FOLDER } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { describeEachDriver } from '../src/testing.js';

describeEachDriver('migrations', (handle, url) => {
  it('creates every table, tenant first in every primary key', async () => {
    const rows = await handle().db.execute<{ table_name: string; first: string }>(sql`
      select tc.table_name, kcu.column_name as first
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.ordinal_position = 1
      where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = 'public' order by tc.table_name`);
    const byTable = new Map(
      rowsOf<{ table_name: string; first: string }>(rows).map((r) => [r.table_name, r.first]),
    );
    expect([...byTable.keys()]).toEqual(
      expect.arrayContaining([
        'api_tokens',
        'configs',
        'cycles',
        'notifications',
        'ticket_events',
        'tickets',
        'tenants',
      ]),
    );
    // Looked up before any tenant is known (a request names a workspace or an event id, not a
    // tenant; a console sign-in link or session cookie is a secret alone): small platform-wide
    // tables, reference tables on a sharded PostgreSQL.
    const global = new Set([
      'tenants',
      'chat_installations',
      'chat_receipts',
      'console_login_links',
      'console_sessions',
    ]);
    for (const [table, first] of byTable)
      if (!global.has(table)) expect({ table, first }).toEqual({ table, first: 'tenant_id' });
  });

  it('is safe to run again, and from two clients at once', async () => {
    await handle().migrate();
    const second = url() ? await openDatabase({ databaseUrl: url() }) : undefined;
    await Promise.all([handle().migrate(), second?.migrate()]);
    await second?.close();
    const applied = await handle().db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const n = rowsOf<{ n: number }>(applied)[0]?.n;
    const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql'));
    expect(n).toBe(files.length);
  });
});

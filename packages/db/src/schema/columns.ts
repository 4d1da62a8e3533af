import { text, timestamp } from 'drizzle-orm/pg-core';

/** Every instant is a `timestamptz`, read back as a `Date`. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every table is keyed by tenant first, ready for a sharded PostgreSQL such as Citus. */
export const tenantId = () => text('tenant_id').notNull();

/** When a row was written. */
export const createdAt = () => instant('created_at').notNull().defaultNow();

import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, tenantId } from './columns.js';

/**
 * Tickets that could not be recomputed or stored, set aside so that they never block other
 * tickets or tenants: the worker's claim skips them. A row is removed when the ticket is
 * recomputed successfully again: at its next event, when the tenant's config changes, or
 * when an operator retries it (`breachless doctor --retry`).
 */
export const quarantinedTickets = pgTable(
  'quarantined_tickets',
  {
    tenantId: tenantId(),
    ticketId: text('ticket_id').notNull(),
    /** The error's message without the query or its parameters (errorSummary): no ticket data. */
    error: text('error').notNull(),
    /** The PostgreSQL SQLSTATE when the database raised it. */
    code: text('code'),
    firstFailedAt: instant('first_failed_at').notNull(),
    lastFailedAt: instant('last_failed_at').notNull(),
    /** Failed recomputes since the ticket was first set aside. */
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.ticketId] })],
);

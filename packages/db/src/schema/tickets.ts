import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';
import { instant, tenantId } from './columns.js';

/**
 * Numbers every recompute of a ticket. A value is never handed out twice, even by a
 * transaction that rolls back, so a process may trust what it cached of a ticket exactly
 * while the ticket still carries the revision it cached it at.
 */
export const ticketRevisions = pgSequence('ticket_revisions');

/**
 * Tickets with their current fields, as the core last evaluated them. Every recompute
 * updates the row (its revision), so the table is stored with fillfactor 70 (migration
 * 0016, which drizzle does not model): the new row version then fits in its page and is a
 * HOT update, with no new index entry.
 */
export const tickets = pgTable(
  'tickets',
  {
    tenantId: tenantId(),
    id: text('id').notNull(),
    fields: jsonb('fields').notNull().default({}),
    policy: text('policy'),
    state: text('state').notNull().default('open'),
    lastEventAt: instant('last_event_at'),
    evaluatedAt: instant('evaluated_at'),
    /** Set from ticket_revisions whenever the ticket's events or cycles are written. */
    revision: bigint('revision', { mode: 'number' }).notNull().default(0),
    /** When first contact resolution counts the ticket (core's firstContactFact); else null. */
    resolvedAt: instant('resolved_at'),
    /** Core's `FirstContactFact` as JSON (instants as epoch milliseconds); null with resolvedAt. */
    firstContact: jsonb('first_contact'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // First contact resolution reads a period's resolved tickets.
    index('tickets_resolved').on(t.tenantId, t.resolvedAt).where(sql`${t.resolvedAt} is not null`),
  ],
);

/** Ticket events as received; the id is unique per tenant, which makes delivery idempotent. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    tenantId: tenantId(),
    id: text('id').notNull(),
    ticketId: text('ticket_id').notNull(),
    type: text('type').notNull(),
    at: instant('at').notNull(),
    body: jsonb('body').notNull(),
    receivedAt: instant('received_at').notNull().defaultNow(),
    /** Order of arrival, so that "the first delivered wins" survives a reload. */
    seq: integer('seq').generatedAlwaysAsIdentity(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('ticket_events_by_ticket').on(t.tenantId, t.ticketId, t.at),
  ],
);

/**
 * The fake Zendesk account's audits, in the export's shape: kept apart from the fake's server
 * so that its search and history helpers can read them without importing the server back.
 */

/** A child event as the export writes it: the changed property under its own name. */
export type FakeChildEvent = Record<string, unknown> & { id: number; event_type: string };

/** One audit of the fake account, as a ticket event of the export. */
export interface FakeTicketEvent {
  readonly id: number;
  readonly ticket_id: number;
  readonly timestamp: number;
  readonly updater_id: number;
  readonly via?: { channel: string };
  readonly child_events: readonly FakeChildEvent[];
}

import { EventsError, parseEvents, type TicketEvent } from '@breachless/core';
import { ConnectorError } from '../errors.js';

/**
 * Runs mapped events through the core's own validation, so a connector can never hand the
 * API or the database an event the engine would refuse.
 * @throws ConnectorError `event_invalid`, naming each event and field
 */
export function validated(source: string, values: readonly unknown[]): TicketEvent[] {
  try {
    return parseEvents(values, (i) => `event ${i}`);
  } catch (error) {
    if (!(error instanceof EventsError)) throw error;
    throw new ConnectorError(
      'event_invalid',
      source,
      'the payload maps to an invalid event',
      error.problems,
      { cause: error },
    );
  }
}

import type { TicketEvent } from '@breachless/core';
import { type ImportOptions, openImport } from './source.js';
import type { ImportFormat } from './types.js';

/**
 * Reads a whole export file into memory, its events in the order they happened (rejected
 * records left out): for replays of a log, such as the demo and the soak test, not for
 * imports, which stream.
 */
export async function readEvents(
  path: string,
  format: ImportFormat,
  options: ImportOptions = {},
): Promise<TicketEvent[]> {
  const events: TicketEvent[] = [];
  for await (const item of openImport(path, format, options)) {
    if ('event' in item) events.push(item.event);
  }
  // Stable: a ticket's events at one instant keep the file's order.
  return events.sort((a, b) => a.at - b.at);
}

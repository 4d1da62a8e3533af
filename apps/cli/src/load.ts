import { parseEventsNdjson, type TicketEvent } from '@breachless/core/events';
import { type Io, readUserFile } from './io.js';

export { configPath, loadConfig } from './load-config.js';

/** Reads and validates an NDJSON events file; errors name `file:line` and the field. */
export function loadEvents(io: Io, path: string): TicketEvent[] {
  return parseEventsNdjson(readUserFile(io, path, 'events file'), path);
}

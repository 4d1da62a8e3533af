export { checkEvent, parseEvents, parseEventsNdjson } from './parse.js';
export type { TicketEvent, TicketFields } from './types.js';
export { EVENT_TYPES } from './types.js';

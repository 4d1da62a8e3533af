export { checkEvent, parseEvents, parseEventsNdjson } from './parse.js';
export { uniformEvent } from './shape.js';
export type { TicketEvent, TicketFields } from './types.js';
export { EVENT_TYPES } from './types.js';

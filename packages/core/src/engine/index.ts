export { type Evaluation, TicketCheckpoint } from './checkpoint.js';
export { Engine } from './engine.js';
export { cycleJson, explainJson } from './explain-json.js';
export { byTicket, compareEvents } from './order.js';
export { matches, selectPolicy, targetOf } from './policy-match.js';
export type {
  ContactFacts,
  CycleResult,
  CycleStatus,
  FiredLevel,
  TicketResult,
  TimelineEntry,
} from './types.js';

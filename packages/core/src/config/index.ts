export type { ConnectorSettings } from './connectors-schema.js';
export {
  parseConfig,
  parseConfigText,
  readConfigDocument,
  toProblems,
} from './parse.js';
export type {
  Condition,
  ConditionOp,
  Config,
  Metric,
  Policy,
  Status,
  WarningLevel,
} from './types.js';
export { METRICS, STATUSES } from './types.js';

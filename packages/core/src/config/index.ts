export type { ConnectorSettings } from './connectors-schema.js';
export {
  parseConfig,
  parseConfigText,
  readConfigDocument,
} from './parse.js';
export { STATUSES, type Status } from './statuses.js';
export type {
  Condition,
  ConditionOp,
  Config,
  Contract,
  ContractVersion,
  CreditRule,
  CreditTier,
  Metric,
  Money,
  Policy,
  WarningLevel,
} from './types.js';
export { METRICS } from './types.js';

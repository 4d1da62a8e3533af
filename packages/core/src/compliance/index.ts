export { groupValue, type PeriodUnit, periodOf } from './buckets.js';
export {
  type FirstContactFact,
  type FirstContactOptions,
  type FirstContactRow,
  firstContactFact,
  firstContactReport,
} from './first-contact.js';
export { readGroupKeys } from './group-keys.js';
export { firstContactCsv, firstContactRowJson, reportCsv, reportRowJson } from './output.js';
export { PERIOD_BOUND_FORMS, periodBound } from './period-bounds.js';
export { complianceReport, sortReportRows } from './report.js';
export { contractStatement } from './statement.js';
export { cycleName, formatCents, statementCsv, statementJson } from './statement-output.js';
export type {
  ContractStatement,
  CreditLine,
  CycleRef,
  StatementCycle,
  StatementInput,
  StatementMetric,
} from './statement-types.js';
export { compliancePct, elapsedStats, percentile, roundedRatio } from './stats.js';
export type { ElapsedStats, GroupKey, ReportCycle, ReportOptions, ReportRow } from './types.js';
export { GROUP_KEYS } from './types.js';

// Reports over stored cycles: compliance rows (one SQL statement, or stored closed periods),
// refreshing stored periods, cycles at risk and breached, the cycles behind a figure.
// The one entry other folders and @breachless/db import this folder through.
export { type AtRiskCycle, type AtRiskFilter, atRiskCycles } from './at-risk.js';
export { type BreachedCycle, breachedCycles } from './breached.js';
export { complianceRows } from './compliance-rows.js';
export type { CycleFilter } from './cycle-filter.js';
export { type OutcomeCycle, outcomeCycles } from './outcome-cycles.js';
export { refreshReportPeriods } from './refresh.js';

// The SLA log: one row per stored cycle with who it was for and how it ended, read a page at
// a time and written as CSV or JSON chunks.
// The one entry other folders and @breachless/db import this folder through.

export { SLA_LOG_FILTERS, type SlaLogFilterName } from './filters.js';
export { SLA_LOG_CSV_HEADER, slaLogCsv, slaLogJson, slaLogText } from './format.js';
export {
  SLA_LOG_PAGE_ROWS,
  type SlaLogFilter,
  type SlaLogRow,
  slaLogPages,
} from './query.js';

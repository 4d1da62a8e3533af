// Customer contracts over the stored cycles: each month's statement of compliance against the
// contract's goals and the service credits owed, computed by the core.
// The one entry other folders and @breachless/db import this folder through.
export { contractStatements, StatementError, type StatementQuery } from './statements.js';

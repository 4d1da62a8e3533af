// First contact resolution over the stored tickets: the facts ingest keeps per ticket,
// reported by the core.
// The one entry other folders and @breachless/db import this folder through.
export { firstContactRows } from './rows.js';

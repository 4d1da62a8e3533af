// The same job as `breachless calendar due --cases`, done with moment-business-time, as a
// whole process: read an NDJSON file of cases, answer each with its due instant, print NDJSON.
// Mon-Fri 09:00-17:00 America/New_York with the holidays given, as the bench's config says.
// Usage: node moment-due.mjs CASES.ndjson HOLIDAYS(comma-separated)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// moment and its plugin are packages/core's development dependencies (its own bench uses them).
const require = createRequire(new URL('../../../packages/core/package.json', import.meta.url));
require('moment-business-time');
const moment = require('moment-timezone');

const [casesPath, holidays] = process.argv.slice(2);
const hours = ['09:00:00', '17:00:00'];
moment.updateLocale('en', {
  workinghours: { 0: null, 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: null },
  holidays: holidays.split(','),
});

const out = [];
for (const line of readFileSync(casesPath, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const c = JSON.parse(line);
  const minutes = Number(/^(\d+)m$/.exec(c.duration)[1]);
  const due = moment.tz(c.from, 'America/New_York').addWorkingTime(minutes, 'minutes');
  out.push(`${JSON.stringify({ id: c.id, due: due.toISOString() })}\n`);
}
process.stdout.write(out.join(''));

// The demo's start-up without the rest: the sample log read, and a fresh embedded database
// opened and migrated, one after the other or at once (the log on a worker thread, as
// `npm start` does). Run from apps/server after a build, alternating to share the load:
//   node bench/log-and-database.mjs sequential; node bench/log-and-database.mjs concurrent
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEvents } from '@breachless/connectors';
import { openDatabase } from '@breachless/db';
import { readLogInWorker } from '../dist/demo/read-log.js';
import { SAMPLE_LOG } from '../dist/demo/replay.js';

const dir = mkdtempSync(join(tmpdir(), 'log-and-database-'));
const open = async () => {
  const handle = await openDatabase({ dataDir: join(dir, 'data') });
  await handle.migrate();
  return handle;
};
const mode = process.argv[2] === 'sequential' ? 'sequential' : 'concurrent';
const started = performance.now();
let handle;
if (mode === 'sequential') {
  await readEvents(SAMPLE_LOG, 'servicenow-csv');
  handle = await open();
} else [, handle] = await Promise.all([readLogInWorker(SAMPLE_LOG), open()]);
console.log(`${mode}: ${Math.round((performance.now() - started) / 100) / 10} s`);
await handle.close();
rmSync(dir, { recursive: true, force: true });

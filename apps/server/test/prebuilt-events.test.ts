import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readEvents } from '@breachless/connectors';
import { describe, expect, it } from 'vitest';
import {
  eventsFile,
  readPrebuiltEvents,
  writePrebuiltEvents,
} from '../src/demo/prebuilt-events.js';
import { SAMPLE_LOG } from '../src/demo/replay.js';

// The whole log's file is checked against a parse of the whole log in demo.test.ts, which
// parses it anyway; here a log of its first 400 rows, parsed in a moment.
const dir = mkdtempSync(join(tmpdir(), 'breachless-prebuilt-'));
const log = join(dir, 'incident_event_log.csv');
writeFileSync(
  log,
  gunzipSync(readFileSync(SAMPLE_LOG)).toString('utf8').split('\n').slice(0, 401).join('\n'),
);

describe('the demo log as the build parsed it', () => {
  it('reads back the events a parse of the log gives, in the parser’s object shape', async () => {
    const out = join(dir, 'built');
    const file = await writePrebuiltEvents(log, out);
    expect(file).toBe(eventsFile(log, out));
    const parsed = await readEvents(log, 'servicenow-csv');
    expect(parsed.length).toBeGreaterThan(300);
    const prebuilt = await readPrebuiltEvents(log, out);
    expect(prebuilt).toStrictEqual(parsed);
    expect(prebuilt?.map((e) => Object.keys(e))).toEqual(parsed.map((e) => Object.keys(e)));
    // Written once: a second build finds it, and writes nothing more.
    expect(await writePrebuiltEvents(log, out)).toBe(file);
    expect(readdirSync(out)).toEqual([basename(file ?? '')]);
  });

  it('is not read for a log whose bytes changed since the build: the caller parses it', async () => {
    const out = join(dir, 'stale');
    const changed = join(dir, 'changed.csv');
    copyFileSync(log, changed);
    const built = await writePrebuiltEvents(changed, out);
    expect(await readPrebuiltEvents(changed, out)).toBeDefined();
    appendFileSync(changed, '\n');
    expect(eventsFile(changed, out)).not.toBe(built);
    expect(await readPrebuiltEvents(changed, out)).toBeUndefined();
  });

  it('writes nothing for a build without the log, and finds nothing for it', async () => {
    const missing = join(dir, 'no-such-log.csv.gz');
    expect(await writePrebuiltEvents(missing, join(dir, 'none'))).toBeUndefined();
    expect(await readPrebuiltEvents(missing, join(dir, 'none'))).toBeUndefined();
  });
});

// The sample log's events as the build parsed them: what every demo start used to parse from
// the CSV (151,843 events from 141,712 rows, some 5 s of CPU), written once by the build
// (src/build-step.ts) as gzipped JSON that a start reads in about a tenth of that.
//
// Why the name holds a hash: the events are what this log's bytes give through this build of
// the parser (the connectors' ServiceNow mapping and core's event validation). A log or a
// parser changed since the build names another file, which is not there, and the demo parses
// the log as before: a stale file is never read.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip, gzipSync } from 'node:zlib';
import { readEvents } from '@breachless/connectors';
import { type TicketEvent, uniformEvent } from '@breachless/core';

/** Where the build writes the file: apps/server/dist, from the sources and the build alike. */
export const EVENTS_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/** Bumped when the file's layout changes, so that an older build's file is not read. */
const LAYOUT = 'json-v1';

/** The packages that turn the log into events. */
const PARSER_PACKAGES = ['@breachless/connectors', '@breachless/core'];

/**
 * A package's built folder: where its `default` export lives (dist/), the JavaScript Node runs,
 * read from its package.json. Not `require.resolve`: a process started with
 * `--conditions source` (the tests) would resolve the TypeScript sources, and hash other files.
 */
function builtFolder(name: string): string {
  for (const base of createRequire(import.meta.url).resolve.paths(name) ?? []) {
    const root = join(base, name);
    if (!existsSync(join(root, 'package.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    return dirname(resolve(root, manifest.exports['.'].default));
  }
  throw new Error(`${name} is not installed`);
}

function hashTree(hash: ReturnType<typeof createHash>, folder: string): void {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) hashTree(hash, path);
    else if (entry.name.endsWith('.js')) hash.update(`${entry.name}\0`).update(readFileSync(path));
  }
}

/**
 * The parsed file for `log` in `dir`: its name changes with the log's bytes and with any
 * module of the built parser.
 */
export function eventsFile(log: string, dir: string = EVENTS_DIR): string {
  const hash = createHash('sha256').update(LAYOUT).update(readFileSync(log));
  for (const name of PARSER_PACKAGES) hashTree(hash, builtFolder(name));
  return join(dir, `demo-events-${hash.digest('hex').slice(0, 16)}.json.gz`);
}

/**
 * The events of `log` as the build parsed them, in time order and in the parser's one object
 * shape, or undefined when there is no file for this log and parser (the caller parses).
 */
export async function readPrebuiltEvents(
  log: string,
  dir: string = EVENTS_DIR,
): Promise<TicketEvent[] | undefined> {
  let file: string;
  try {
    file = eventsFile(log, dir);
  } catch {
    // No log, or a parser package not built (a run from the sources before any build).
    return undefined;
  }
  if (!existsSync(file)) return undefined;
  const json = await promisify(gunzip)(await readFile(file));
  // JSON leaves out the keys an event type does not use (undefined): `uniformEvent` puts them
  // back, in the parser's order, so the engine reads one hidden class as it does after a parse.
  return (JSON.parse(json.toString('utf8')) as TicketEvent[]).map(uniformEvent);
}

/**
 * Parses `log` and writes its events into `dir`, unless a file for this log and parser is
 * there already (a rebuild stays quick). Written under another name then renamed, so a
 * reader finds a whole file or none.
 * @returns the file, or undefined when there is no log to parse (a build without data/)
 */
export async function writePrebuiltEvents(
  log: string,
  dir: string = EVENTS_DIR,
): Promise<string | undefined> {
  if (!existsSync(log)) return undefined;
  const file = eventsFile(log, dir);
  if (existsSync(file)) return file;
  const events = await readEvents(log, 'servicenow-csv');
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, gzipSync(JSON.stringify(events)));
  renameSync(partial, file);
  return file;
}

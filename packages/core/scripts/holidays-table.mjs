// Writes the public-holiday table into dist/calendar/holidays-data/ after the build: for every
// country, state and region date-holidays knows, the dates `PublicHolidays.datesOf` answers for
// each year of a window, computed by date-holidays itself. `breachless calendar due` on a config
// naming public holidays then reads one small JSON file instead of loading the library (its
// rules engine, moment-timezone and astronomia: about 2.5x `node -e 0` of CPU for three years).
// Years outside the window still go to the library, so the answer never changes, only its cost.
//
// Computing the table takes a while (every region, every year of the window, through moment),
// so it is kept under node_modules/.cache keyed by the library's versions and this file's own
// bytes; a rebuild of the package copies it back in milliseconds.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeTable, libraryVersions } from './holidays-compute.mjs';

/** The window: a few years back for late imports, ten ahead for due instants and reports. */
const FIRST_YEAR = 2020;
const LAST_YEAR = 2036;

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = dirname(here);

/** What the table depends on: the library's and its rules engine's versions, and this code. */
function cacheKey() {
  const { dateHolidays, parser } = libraryVersions();
  const code = createHash('sha256');
  for (const file of ['holidays-table.mjs', 'holidays-compute.mjs'])
    code.update(readFileSync(join(here, file)));
  return `${dateHolidays}-${parser}-${FIRST_YEAR}-${LAST_YEAR}-${code.digest('hex').slice(0, 12)}`;
}

/** Fills `dir` with the table (written to a sibling first, renamed whole when complete). */
async function generate(dir) {
  const partial = `${dir}.${process.pid}.tmp`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  await computeTable(partial, FIRST_YEAR, LAST_YEAR);
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another build finished the same table first: its copy is as good as ours.
    if (!existsSync(join(dir, 'index.json'))) throw error;
    rmSync(partial, { recursive: true, force: true });
  }
}

const out = resolve(packageDir, process.argv[2] ?? 'dist/calendar/holidays-data');
const cache = join(packageDir, 'node_modules', '.cache', 'holidays-table', cacheKey());
if (!existsSync(join(cache, 'index.json'))) {
  const started = Date.now();
  await generate(cache);
  process.stderr.write(
    `holidays table computed in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
  // Tables of other library versions or windows are of no more use.
  for (const old of readdirSync(dirname(cache)))
    if (!old.endsWith('.tmp') && join(dirname(cache), old) !== cache)
      rmSync(join(dirname(cache), old), { recursive: true, force: true });
}
// Copied file by file, each renamed into place: a process reading the table meanwhile sees the
// old file or the new one, never half of one.
mkdirSync(out, { recursive: true });
const wanted = new Set(readdirSync(cache));
for (const name of wanted) {
  const temp = join(out, `${name}.${process.pid}.tmp`);
  copyFileSync(join(cache, name), temp);
  renameSync(temp, join(out, name));
}
for (const name of readdirSync(out))
  if (!wanted.has(name) && !name.endsWith('.tmp')) rmSync(join(out, name));

// Computes the public-holiday table (see holidays-table.mjs) with date-holidays itself, exactly
// as packages/core/src/calendar/holidays.ts asks it: one instance per country/state/region
// (`new Holidays(country, state ?? '', region ?? '')`), `getHolidays(year)`, the dates of the
// holidays of type `public`, in the library's order, duplicates kept.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, Worker, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** date-holidays' version and that of the rules engine it resolves. */
export function libraryVersions() {
  const dateHolidays = require('date-holidays/package.json').version;
  const parser = createRequire(require.resolve('date-holidays'))(
    'date-holidays-parser/package.json',
  ).version;
  return { dateHolidays, parser };
}

/**
 * Every country, state and region by the library's own lists, as `isKnownRegion` reads them:
 * `{ US: { AL: [], ... }, DE: { BY: ['A', 'AGS', ...] } }` (a country without states maps to {}).
 */
function regionsOf(library) {
  const countries = {};
  for (const country of Object.keys(library.getCountries() ?? {})) {
    const states = {};
    for (const state of Object.keys(library.getStates(country) ?? {}))
      states[state] = Object.keys(library.getRegions(country, state) ?? {});
    countries[country] = states;
  }
  return countries;
}

/**
 * What decides an instance's holidays: its parsed rules (with their names, which the library's
 * de-duplication compares), its time zone and its languages. Regions that inherit their state's
 * rules unchanged share one computation; the table still lists each of them.
 */
function rulesKey(instance) {
  const rules = Object.entries(instance.holidays).map(([rule, opts]) => [
    rule,
    JSON.stringify({ ...opts, fn: undefined }),
  ]);
  return JSON.stringify([rules, instance.getTimezones(), instance.getLanguages()]);
}

/** Writes `<country>.json` for each of `names`: one worker's share of the table. */
function writeCountries({ dir, names, first, last }) {
  const Holidays = require('date-holidays');
  const countries = regionsOf(new Holidays());
  const computed = new Map();
  const datesOf = (country, state, region) => {
    const instance = new Holidays(country, state ?? '', region ?? '');
    const key = rulesKey(instance);
    let years = computed.get(key);
    if (!years) {
      years = [];
      for (let year = first; year <= last; year++) {
        const list = instance.getHolidays(year) || [];
        // A date in the year asked is kept as MM-DD (about half the bytes); the odd one of
        // another year keeps its year.
        const prefix = `${year}-`;
        years.push(
          list
            .filter((h) => h.type === 'public')
            .map((h) => h.date.slice(0, 10))
            .map((date) => (date.startsWith(prefix) ? date.slice(prefix.length) : date))
            .join(' '),
        );
      }
      computed.set(key, years);
    }
    return years;
  };
  for (const country of names) {
    const table = { '': datesOf(country) };
    for (const [state, regions] of Object.entries(countries[country] ?? {})) {
      table[state] = datesOf(country, state);
      for (const region of regions) table[`${state}/${region}`] = datesOf(country, state, region);
    }
    writeFileSync(join(dir, `${country}.json`), JSON.stringify(table));
  }
}

/** Runs one share in a worker thread of this module. */
function inWorker(share) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { holidaysTable: share } });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`holiday table worker exited with ${code}`)),
    );
  });
}

/**
 * Writes `index.json` (the window and the regions) and one `<country>.json` per country:
 * `{ "": [year lists], "<state>": [...], "<state>/<region>": [...] }`, each year's dates joined
 * by spaces, from `first` to `last`. The index carries the versions the table was computed
 * with, so that a table left from another version is not used. The countries are dealt out to
 * one worker thread per core (up to 8): on a laptop this is the longest step of `npm ci`.
 */
export async function computeTable(dir, first, last) {
  const countries = regionsOf(new (require('date-holidays'))());
  const names = Object.keys(countries);
  const workers = Math.min(availableParallelism(), 8);
  const shares = Array.from({ length: workers }, (_, w) => ({
    dir,
    names: names.filter((_, i) => i % workers === w),
    first,
    last,
  }));
  await Promise.all(shares.map(inWorker));
  const versions = libraryVersions();
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ ...versions, first, last, countries }));
}

if (!isMainThread && workerData?.holidaysTable) writeCountries(workerData.holidaysTable);
